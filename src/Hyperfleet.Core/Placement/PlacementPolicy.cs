namespace Hyperfleet.Core.Placement;

/// <summary>
/// How the weigher ranks the hypervisors that passed every filter. Chosen by configuration; the wire names
/// (<see cref="PlacementPolicies.WireName"/>) are those of IsardVDI's balancers.
/// </summary>
public enum PlacementPolicy
{
    /// <summary>
    /// <c>available_ram_percent</c> (default): the largest share of the host's memory still available,
    /// (free − reserved) / total. Spreads desktops over hosts of different sizes in proportion.
    /// </summary>
    AvailableRamPercent,

    /// <summary><c>available_ram</c>: the most memory still available, free − reserved, in MiB.</summary>
    AvailableRam,

    /// <summary>
    /// <c>round_robin</c>: the next eligible host after the previous weighed choice, in ordinal order of host
    /// ids, wrapping around. The cursor lives in the <see cref="PlacementFleet"/>.
    /// </summary>
    RoundRobin,

    /// <summary><c>less_cpu</c>: the lowest CPU use of the last stats sample; hosts without a sample come last.</summary>
    LessCpu,
}
