namespace Hyperfleet.Core.Placement;

/// <summary><see cref="PlacementPolicy.LessCpu"/>: the lower CPU use wins; no sample counts as +∞ (last).</summary>
internal readonly struct LessCpuWeigher : IHostWeigher
{
    public static int Compare(in HostSlot a, in HostSlot b) => b.Cpu.CompareTo(a.Cpu);
}
