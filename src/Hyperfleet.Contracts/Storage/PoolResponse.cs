namespace Hyperfleet.Contracts.Storage;

/// <summary>A storage pool: one shared mount, the same path on every hypervisor that mounts it.</summary>
/// <param name="Id">Slug; <c>default</c> is the pool at <c>/opt/isard</c> that exists from first start.</param>
/// <param name="Name">Free text.</param>
/// <param name="Mountpoint">Where the shared storage is mounted on each member.</param>
/// <param name="Paths">Its directories.</param>
/// <param name="Hypervisors">Ids of the hypervisors that mount it; its disk tasks and desktops go only to them.</param>
/// <param name="CreatedAt">When it was added.</param>
public sealed record PoolResponse(
    string Id,
    string Name,
    string Mountpoint,
    PoolPaths Paths,
    IReadOnlyList<string> Hypervisors,
    DateTimeOffset CreatedAt);
