using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Storage;

/// <summary>Pool rows to wire records.</summary>
public static class StoragePoolMapper
{
    public static PoolResponse ToResponse(this StoragePool p) => new(
        p.Id,
        p.Name,
        p.Mountpoint,
        new PoolPaths(p.BasesPath, p.TemplatesPath, p.GroupsPath, p.MediaPath, p.VolatilePath),
        p.Hypervisors.Select(h => h.HypervisorId).Order(StringComparer.Ordinal).ToList(),
        p.CreatedAt);

    /// <summary>The directories in a fixed order, with their names (as the check reports them).</summary>
    public static IReadOnlyList<(string Name, string Path)> Directories(this StoragePool p) =>
    [
        ("bases", p.BasesPath), ("templates", p.TemplatesPath), ("groups", p.GroupsPath),
        ("media", p.MediaPath), ("volatile", p.VolatilePath),
    ];
}
