namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>storage_pools</c>: one shared mount (the same path on every host that uses it) and the
/// directories under it for each kind of disk.
/// </summary>
public sealed class StoragePool
{
    public required string Id { get; set; }
    public string Name { get; set; } = "";
    public string Mountpoint { get; set; } = StoragePoolDefaults.Mountpoint;
    public required string BasesPath { get; set; }
    public required string TemplatesPath { get; set; }
    public required string GroupsPath { get; set; }
    public required string MediaPath { get; set; }
    public required string VolatilePath { get; set; }

    /// <summary>The hypervisors that mount this pool; disk tasks and desktops of the pool go only to them.</summary>
    public List<StoragePoolHypervisor> Hypervisors { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A row of <c>storage_pool_hypervisors</c>: hypervisor <see cref="HypervisorId"/> reaches pool <see cref="PoolId"/>.</summary>
public sealed class StoragePoolHypervisor
{
    public required string PoolId { get; set; }
    public required string HypervisorId { get; set; }
}

/// <summary>Defaults an IsardVDI operator knows: everything under <c>/opt/isard</c>.</summary>
public static class StoragePoolDefaults
{
    public const string Mountpoint = "/opt/isard";
    public const string DefaultPoolId = "default";
}
