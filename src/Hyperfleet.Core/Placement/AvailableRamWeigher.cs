namespace Hyperfleet.Core.Placement;

/// <summary><see cref="PlacementPolicy.AvailableRam"/>: the more free − reserved MiB wins.</summary>
internal readonly struct AvailableRamWeigher : IHostWeigher
{
    public static int Compare(in HostSlot a, in HostSlot b) => a.AvailableMib.CompareTo(b.AvailableMib);
}
