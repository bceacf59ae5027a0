namespace Hyperfleet.Core.Placement;

/// <summary>
/// <see cref="PlacementPolicy.AvailableRamPercent"/>: the larger (free − reserved) / total wins. Compared by
/// cross-multiplying in integers, so equal shares are an exact tie (no floating-point noise). Memory figures are
/// bounded by <see cref="PlacementFleet.MaxMemoryMib"/>, so the products fit in a long.
/// </summary>
internal readonly struct AvailableRamPercentWeigher : IHostWeigher
{
    public static int Compare(in HostSlot a, in HostSlot b) =>
        (a.AvailableMib * b.TotalMib).CompareTo(b.AvailableMib * a.TotalMib);
}
