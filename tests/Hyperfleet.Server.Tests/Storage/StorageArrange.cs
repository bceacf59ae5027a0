using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>Rows the storage tests start from, written straight to the database (states only the engine reaches).</summary>
internal static class StorageArrange
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static Hypervisor Host(string id, bool hypervisor = false, bool disk = true, bool enabled = true,
        HypervisorStatus status = HypervisorStatus.Online) => new()
    {
        Id = id,
        Hostname = id + ".example.org",
        CapHypervisor = hypervisor,
        CapDiskOperations = disk,
        Enabled = enabled,
        Status = status,
        SshHostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOd1ZmFrZWtleWZvcnRlc3RzMDEyMzQ1Njc4OTAxMjM0",
        StatusSince = DateTimeOffset.UtcNow,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Adds hosts and a pool at <c>/srv/&lt;pool&gt;</c> whose members are <paramref name="members"/>.</summary>
    public static Task<string> PoolAsync(ApiFixture fixture, IEnumerable<Hypervisor> hosts, IEnumerable<string> members) =>
        fixture.WithDbAsync(async db =>
        {
            var id = NewId("pool");
            db.Hypervisors.AddRange(hosts);
            var mount = "/srv/" + id;
            db.StoragePools.Add(new StoragePool
            {
                Id = id,
                Name = id,
                Mountpoint = mount,
                BasesPath = mount + "/bases",
                TemplatesPath = mount + "/templates",
                GroupsPath = mount + "/groups",
                MediaPath = mount + "/media",
                VolatilePath = mount + "/volatile",
                CreatedAt = DateTimeOffset.UtcNow,
                Hypervisors = members.Select(m => new StoragePoolHypervisor { PoolId = id, HypervisorId = m }).ToList(),
            });
            await db.SaveChangesAsync();
            return id;
        });

    public static Task<string> TemplateAsync(ApiFixture fixture, string poolId, string status = TemplateStatuses.Ready, string? parent = null) =>
        fixture.WithDbAsync(async db =>
        {
            var id = NewId("tpl");
            db.Templates.Add(new Template
            {
                Id = id,
                Kind = parent is null ? TemplateKinds.Base : TemplateKinds.Template,
                ParentId = parent,
                DiskPath = $"/srv/{poolId}/{(parent is null ? "bases" : "templates")}/{id}.qcow2",
                PoolId = poolId,
                MemoryMib = 2048,
                Vcpus = 2,
                Status = status,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return id;
        });

    public static Task<string> DesktopAsync(ApiFixture fixture, string poolId, string templateId, string status = DesktopStatuses.Stopped) =>
        fixture.WithDbAsync(async db =>
        {
            var id = NewId("desk");
            db.Desktops.Add(new Desktop
            {
                Id = id,
                TemplateId = templateId,
                PoolId = poolId,
                DiskPath = $"/srv/{poolId}/groups/{id}.qcow2",
                MemoryMib = 1024,
                Vcpus = 1,
                Status = status,
                StatusSince = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return id;
        });

    /// <summary>Queues tasks as the API would (one transaction) and returns their ids.</summary>
    public static Task<List<long>> TasksAsync(ApiFixture fixture, string poolId, int count, string kind = DiskTaskKinds.Info,
        string? ownerKind = null, string? ownerId = null, Func<int, DiskTaskArguments>? args = null) =>
        fixture.WithDbAsync(async db =>
        {
            var tasks = Enumerable.Range(0, count).Select(i => DiskTaskQueue.Enqueue(db, kind, poolId,
                args?.Invoke(i) ?? new DiskTaskArguments { Path = $"/srv/{poolId}/bases/{i}.qcow2" }, ownerKind, ownerId, DateTimeOffset.UtcNow)).ToList();
            await db.SaveChangesAsync();
            return tasks.Select(t => t.Id).ToList();
        });

    public static Task<DiskTask> TaskAsync(ApiFixture fixture, long id) =>
        fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().SingleAsync(t => t.Id == id));

    /// <summary>A fingerprint of the storage tables, to show a refused request changed nothing.</summary>
    public static Task<string> SnapshotAsync(ApiFixture fixture) =>
        fixture.WithDbAsync(async db =>
            $"pools {await db.StoragePools.CountAsync()}, members {await db.StoragePoolHypervisors.CountAsync()}, " +
            $"templates {await db.Templates.CountAsync()}, desktops {await db.Desktops.CountAsync()}, tasks {await db.DiskTasks.CountAsync()}, " +
            $"versions {await db.Desktops.SumAsync(d => d.Version)}");
}
