using Hyperfleet.Core.Placement;

namespace Hyperfleet.Bench;

/// <summary>What the placement benchmark drives: <see cref="PlacementFleet"/> or the LINQ baseline, called the same way.</summary>
public interface IPlacementTarget
{
    void Upsert(PlacementHost host);

    /// <summary>Chooses a host and reserves the desktop's memory there, as the server does; null when none fits.</summary>
    string? PlaceAndReserve(in PlacementRequest request);

    void Release(string desktopId);

    void UpdateStats(string hostId, long freeMemMib, long totalMemMib, double cpuPercent, int desktopsRunning);
}
