namespace Hyperfleet.Core.Placement;

/// <summary>A desktop that is about to start and needs a hypervisor.</summary>
/// <param name="DesktopId">Desktop id; also keys its reservation and seeds its tie-break.</param>
/// <param name="MemoryMib">Memory the desktop gets, in MiB (positive).</param>
/// <param name="PoolId">Storage pool holding its disk; the host must reach it.</param>
/// <param name="ForcedHostId"><c>forced_hypervisor_id</c>: only this host is considered.</param>
/// <param name="FavouriteHostId">Preferred host: chosen whenever it passes the filters, else the weigher decides.</param>
/// <param name="Vlan">The desktop's VLAN network: the host's trunk must carry it.</param>
public readonly record struct PlacementRequest(
    string DesktopId,
    long MemoryMib,
    string PoolId,
    string? ForcedHostId = null,
    string? FavouriteHostId = null,
    int? Vlan = null);
