using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Tests.Fixtures;

/// <summary>Arranges a pool and a template in it straight into the database (the pool and template routes are another feature's).</summary>
public static class TemplateSeeding
{
    public static async Task<(string Pool, string Template)> SeedTemplateAsync(this ApiFixture fixture, string status = TemplateStatuses.Ready)
    {
        var pool = $"pool-{Guid.NewGuid().ToString("N")[..8]}";
        var template = $"tpl-{Guid.NewGuid().ToString("N")[..8]}";
        await fixture.WithDbAsync(async db =>
        {
            db.StoragePools.Add(new StoragePool
            {
                Id = pool,
                BasesPath = $"/opt/isard/{pool}/bases",
                TemplatesPath = $"/opt/isard/{pool}/templates",
                GroupsPath = $"/opt/isard/{pool}/groups",
                MediaPath = $"/opt/isard/{pool}/media",
                VolatilePath = $"/opt/isard/{pool}/volatile",
            });
            db.Templates.Add(new Template
            {
                Id = template,
                Kind = TemplateKinds.Template,
                DiskPath = $"/opt/isard/{pool}/templates/{template}.qcow2",
                PoolId = pool,
                MemoryMib = 512,
                Vcpus = 1,
                Status = status,
            });
            return await db.SaveChangesAsync();
        });
        return (pool, template);
    }
}
