using Hyperfleet.Core.Placement;
using static Hyperfleet.Core.Tests.Placement.TestFleets;

namespace Hyperfleet.Core.Tests.Placement;

public sealed partial class PlacementFleetTests
{
    public static TheoryData<string, PlacementHost[], (string Host, long Mib)[], string> Explanations => new()
    {
        {
            "empty fleet", [], [],
            "No hypervisor can start desktop d1 (1024 MiB, pool default): no hypervisors are known."
        },
        {
            "offline hosts grouped, memory arithmetic spelled out",
            [
                Host("hv1") with { Online = false },
                Host("hv2", free: 900) with { MinFreeMemMib = 256 },
                Host("hv3") with { Online = false },
                Host("hv4") with { Online = false },
            ],
            [("hv2", 512)],
            "No hypervisor can start desktop d1 (1024 MiB, pool default): 3 hosts offline (hv1, hv3, hv4); "
            + "hv2: not enough free memory (free 900 MiB − reserved 512 − min free 256 < 1024 needed)."
        },
        {
            "one host per reason, in filter order",
            [
                Host("hv6", free: 1000),
                Host("hv5", free: null),
                Host("hv4") with { PoolIds = ["nfs2"] },
                Host("hv3") with { OnlyForced = true },
                Host("hv2") with { CapHypervisor = false },
                Host("hv1") with { Enabled = false },
                Host("hv0") with { Online = false },
            ],
            [],
            "No hypervisor can start desktop d1 (1024 MiB, pool default): hv0: offline; hv1: disabled; "
            + "hv2: no hypervisor capability (disk operations only); hv3: takes only desktops forced to it; "
            + "hv4: does not reach storage pool default; hv5: no memory stats yet; "
            + "hv6: not enough free memory (free 1000 MiB − reserved 0 − min free 0 < 1024 needed)."
        },
        {
            "up to three short hosts named one by one",
            [Host("hv1", free: 100), Host("hv2", free: 200), Host("hv3", free: 300)],
            [],
            "No hypervisor can start desktop d1 (1024 MiB, pool default): "
            + "hv1: not enough free memory (free 100 MiB − reserved 0 − min free 0 < 1024 needed); "
            + "hv2: not enough free memory (free 200 MiB − reserved 0 − min free 0 < 1024 needed); "
            + "hv3: not enough free memory (free 300 MiB − reserved 0 − min free 0 < 1024 needed)."
        },
        {
            "many short hosts: counted, with the one closest to fitting",
            [
                Host("hv1", free: 100), Host("hv2", free: 1000), Host("hv3", free: 300),
                Host("hv4", free: 1020) with { MinFreeMemMib = 64 }, Host("hv5", free: 500), Host("hv6", free: 600),
            ],
            [("hv5", 200)],
            "No hypervisor can start desktop d1 (1024 MiB, pool default): 6 hosts lack free memory "
            + "(hv1, hv2, hv3, hv4, hv5, …), the most room on hv2: "
            + "not enough free memory (free 1000 MiB − reserved 0 − min free 0 < 1024 needed)."
        },
        {
            "many hosts without the pool",
            [Host("a") with { PoolIds = ["nfs2"] }, Host("b") with { PoolIds = [] }, Host("c") with { Enabled = false }],
            [],
            "No hypervisor can start desktop d1 (1024 MiB, pool default): c: disabled; "
            + "2 hosts do not reach storage pool default (a, b)."
        },
    };

    [Theory]
    [MemberData(nameof(Explanations))]
    public void Place_NothingFits_ExplainsWhyPerReason(string scenario, PlacementHost[] hosts, (string Host, long Mib)[] reserved, string expected)
    {
        var fleet = Fleet(hosts);
        foreach (var (host, mib) in reserved)
        {
            fleet.Reserve($"starting-on-{host}", host, mib);
        }

        var decision = fleet.Place(Desktop());

        Assert.False(decision.IsPlaced, scenario);
        Assert.Equal(expected, decision.Failure!.Explanation);
    }

    [Fact]
    public void Place_NothingFits_RefusesEveryHostInIdOrderWithItsDetail()
    {
        var fleet = Fleet(Host("hv2", free: 900) with { MinFreeMemMib = 256 }, Host("hv1") with { Online = false });

        var refusals = fleet.Place(Desktop()).Failure!.Refusals;

        Assert.Equal(
            [
                new PlacementRefusal("hv1", PlacementRefusalReason.Offline, "offline"),
                new PlacementRefusal("hv2", PlacementRefusalReason.NotEnoughMemory,
                    "not enough free memory (free 900 MiB − reserved 0 − min free 256 < 1024 needed)"),
            ],
            refusals);
    }
}
