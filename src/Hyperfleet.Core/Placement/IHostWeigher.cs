namespace Hyperfleet.Core.Placement;

/// <summary>
/// Ranks two eligible hosts. Implemented by structs and used as a generic argument, so the JIT compiles one
/// loop per weigher with the comparison inlined (no virtual call per host).
/// </summary>
internal interface IHostWeigher
{
    /// <summary>Positive when <paramref name="a"/> is better, negative when <paramref name="b"/> is, 0 on a tie.</summary>
    static abstract int Compare(in HostSlot a, in HostSlot b);
}
