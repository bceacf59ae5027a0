using Hyperfleet.Core.Placement;

namespace Hyperfleet.Bench;

/// <summary>The candidate: Hyperfleet's <see cref="PlacementFleet"/>.</summary>
public sealed class FleetPlacementTarget(PlacementPolicy policy, int seed) : IPlacementTarget
{
    public PlacementFleet Fleet { get; } = new(policy, seed);

    public void Upsert(PlacementHost host) => Fleet.Upsert(host);

    public string? PlaceAndReserve(in PlacementRequest request) => Fleet.PlaceAndReserve(request).HostId;

    public void Release(string desktopId) => Fleet.Release(desktopId);

    public void UpdateStats(string hostId, long freeMemMib, long totalMemMib, double cpuPercent, int desktopsRunning) =>
        Fleet.UpdateStats(hostId, freeMemMib, totalMemMib, cpuPercent, desktopsRunning);
}
