using Hyperfleet.Core.Placement;

namespace Hyperfleet.Core.Tests.Placement;

/// <summary>Hosts, fleets and desktops shared by the placement tables: a healthy host unless told otherwise.</summary>
internal static class TestFleets
{
    public const string Pool = "default";

    /// <summary>Online, enabled hypervisor reaching <see cref="Pool"/>, 8 GiB free of 16 GiB, 10 % CPU.</summary>
    public static PlacementHost Host(string id, long? free = 8192, long? total = 16384, double? cpu = 10) => new(id)
    {
        Online = true,
        Enabled = true,
        CapHypervisor = true,
        FreeMemMib = free,
        TotalMemMib = total,
        CpuPercent = cpu,
        PoolIds = [Pool],
    };

    public static PlacementFleet Fleet(params PlacementHost[] hosts) => Fleet(PlacementPolicy.AvailableRamPercent, hosts);

    public static PlacementFleet Fleet(PlacementPolicy policy, params PlacementHost[] hosts) => Fleet(policy, 0, hosts);

    public static PlacementFleet Fleet(PlacementPolicy policy, int seed, params PlacementHost[] hosts)
    {
        var fleet = new PlacementFleet(policy, seed);
        foreach (var host in hosts)
        {
            fleet.Upsert(host);
        }
        return fleet;
    }

    public static PlacementRequest Desktop(
        string id = "d1", long memory = 1024, string pool = Pool, string? forced = null, string? favourite = null) =>
        new(id, memory, pool, forced, favourite);

    /// <summary>The chosen host, or the refusal reasons as "hv1=Offline hv2=Disabled" when none was chosen.</summary>
    public static string Outcome(this PlacementDecision decision) =>
        decision.HostId ?? string.Join(" ", decision.Failure!.Refusals.Select(r => $"{r.HostId}={r.Reason}"));
}
