using System.Net;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>The default pool is made once, on first start, and left as the admin shaped it on every later start.</summary>
public sealed class DefaultPoolTests
{
    [Fact]
    public async Task Restart_KeepsTheAdminsDefaultPool()
    {
        var first = new SqliteApiFixture();
        await first.InitializeAsync();
        var dataDir = first.DataDir;
        using (var admin = first.Admin())
        {
            await admin.AddAsync("hv-a", "a.example.org");
            await admin.AddAsync("hv-b", "b.example.org");
            (await admin.PatchRawAsync("/api/v1/pools/default", """{"name":"NFS","hypervisors":["hv-b"]}""")).EnsureSuccessStatusCode();
        }
        await first.StopAsync();

        var second = SqliteApiFixture.With(dataDir);
        await second.InitializeAsync();
        try
        {
            using var admin = second.Admin();
            var pool = await (await admin.GetAsync("/api/v1/pools/default")).OkAsync<PoolResponse>();
            Assert.Equal("NFS", pool.Name);
            Assert.Equal(["hv-b"], pool.Hypervisors);
            Assert.Equal(1, await second.WithDbAsync(db => db.StoragePools.CountAsync(p => p.Id == StoragePoolDefaults.DefaultPoolId)));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task FirstCreation_OnAFleetThatPredatesPools_EveryHypervisorJoins_OnceEvenWhenReplicasRace()
    {
        var fixture = new SqliteApiFixture();
        await fixture.InitializeAsync();
        try
        {
            using var admin = fixture.Admin();
            await admin.AddAsync("old-1", "o1.example.org");
            // As an upgraded database would be: hypervisors, and no pool yet.
            await fixture.WithDbAsync(db => db.StoragePools.Where(p => p.Id == StoragePoolDefaults.DefaultPoolId).ExecuteDeleteAsync());
            // Several replicas starting at once: one pool, no error.
            var ensure = fixture.Services.GetRequiredService<DefaultPool>();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ensure.EnsureAsync(CancellationToken.None)));
            Assert.Equal(1, await fixture.WithDbAsync(db => db.StoragePools.CountAsync(p => p.Id == StoragePoolDefaults.DefaultPoolId)));
            var pool = await (await admin.GetAsync("/api/v1/pools/default")).OkAsync<PoolResponse>();
            Assert.Equal(["old-1"], pool.Hypervisors);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/pools")).StatusCode);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
