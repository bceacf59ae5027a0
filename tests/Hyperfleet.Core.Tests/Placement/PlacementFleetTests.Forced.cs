using Hyperfleet.Core.Placement;
using static Hyperfleet.Core.Tests.Placement.TestFleets;

namespace Hyperfleet.Core.Tests.Placement;

public sealed partial class PlacementFleetTests
{
    /// <summary>hv1 is what the weigher picks (most free); hv2 is a smaller healthy host; hv3 takes only forced desktops.</summary>
    private static PlacementFleet ForcingFleet(params PlacementHost[] replacing)
    {
        var hosts = new Dictionary<string, PlacementHost>
        {
            ["hv1"] = Host("hv1", free: 12288),
            ["hv2"] = Host("hv2", free: 4096),
            ["hv3"] = Host("hv3", free: 16384) with { OnlyForced = true },
        };
        foreach (var host in replacing)
        {
            hosts[host.Id] = host;
        }
        return Fleet(hosts.Values.ToArray());
    }

    public static TheoryData<string, PlacementHost[], PlacementRequest, string, PlacementRoute> ForcedAndFavourite => new()
    {
        { "nothing asked: the weigher", [], Desktop(), "hv1", PlacementRoute.Weighed },
        { "forced to a weaker host", [], Desktop(forced: "hv2"), "hv2", PlacementRoute.Forced },
        { "forced to an only_forced host", [], Desktop(forced: "hv3"), "hv3", PlacementRoute.Forced },
        { "forced to an offline host", [Host("hv2") with { Online = false }], Desktop(forced: "hv2"), "hv2=Offline", PlacementRoute.None },
        { "forced to a disabled host", [Host("hv2") with { Enabled = false }], Desktop(forced: "hv2"), "hv2=Disabled", PlacementRoute.None },
        { "forced to a disk-only host", [Host("hv2") with { CapHypervisor = false }], Desktop(forced: "hv2"), "hv2=NotHypervisor", PlacementRoute.None },
        { "forced to a host without the pool", [Host("hv2") with { PoolIds = ["nfs2"] }], Desktop(forced: "hv2"), "hv2=PoolUnreachable", PlacementRoute.None },
        { "forced to a full host", [], Desktop(forced: "hv2", memory: 8192), "hv2=NotEnoughMemory", PlacementRoute.None },
        { "forced to an unknown host", [], Desktop(forced: "hv9"), "hv9=UnknownHost", PlacementRoute.None },
        { "forced wins over favourite", [], Desktop(forced: "hv2", favourite: "hv1"), "hv2", PlacementRoute.Forced },
        { "favourite weaker but fits", [], Desktop(favourite: "hv2"), "hv2", PlacementRoute.Favourite },
        { "favourite offline: the weigher", [Host("hv2") with { Online = false }], Desktop(favourite: "hv2"), "hv1", PlacementRoute.Weighed },
        { "favourite full: the weigher", [], Desktop(favourite: "hv2", memory: 8192), "hv1", PlacementRoute.Weighed },
        { "favourite only_forced: the weigher", [], Desktop(favourite: "hv3"), "hv1", PlacementRoute.Weighed },
        { "favourite unknown: the weigher", [], Desktop(favourite: "hv9"), "hv1", PlacementRoute.Weighed },
        { "favourite is the best anyway", [], Desktop(favourite: "hv1"), "hv1", PlacementRoute.Favourite },
        { "not forced: only_forced host left out", [Host("hv1") with { Online = false }, Host("hv2") with { Online = false }], Desktop(),
            "hv1=Offline hv2=Offline hv3=OnlyForced", PlacementRoute.None },
    };

    [Theory]
    [MemberData(nameof(ForcedAndFavourite))]
    public void Place_ForcedOrFavourite_FollowsTheRules(
        string scenario, PlacementHost[] replacing, PlacementRequest request, string outcome, PlacementRoute route)
    {
        var decision = ForcingFleet(replacing).Place(request);

        Assert.True(outcome == decision.Outcome(), $"{scenario}: expected {outcome}, got {decision.Outcome()}");
        Assert.Equal(route, decision.Route);
    }

    public static TheoryData<string, PlacementHost[], PlacementRequest, PlacementRefusalReason?> FavouritePassedOver => new()
    {
        { "favourite offline", [Host("hv2") with { Online = false }], Desktop(favourite: "hv2"), PlacementRefusalReason.Offline },
        { "favourite full", [], Desktop(favourite: "hv2", memory: 8192), PlacementRefusalReason.NotEnoughMemory },
        { "favourite only_forced", [], Desktop(favourite: "hv3"), PlacementRefusalReason.OnlyForced },
        { "favourite unknown", [], Desktop(favourite: "hv9"), PlacementRefusalReason.UnknownHost },
        { "favourite taken", [], Desktop(favourite: "hv2"), null },
        { "no favourite", [], Desktop(), null },
    };

    [Theory]
    [MemberData(nameof(FavouritePassedOver))]
    public void Place_FavouritePassedOver_SaysWhy(string scenario, PlacementHost[] replacing, PlacementRequest request, PlacementRefusalReason? why)
    {
        var decision = ForcingFleet(replacing).Place(request);

        Assert.True(why == decision.FavouriteRefused, $"{scenario}: expected {why}, got {decision.FavouriteRefused}");
        Assert.True(decision.IsPlaced, scenario);
    }

    [Fact]
    public void Place_ForcedToAFullHost_ListsOnlyThatHostEvenWhenOthersFit()
    {
        var decision = ForcingFleet().Place(Desktop(forced: "hv2", memory: 8192));

        Assert.Equal(
            "Desktop d1 (8192 MiB, pool default) is forced to hv2, which cannot take it: "
            + "not enough free memory (free 4096 MiB − reserved 0 − min free 0 < 8192 needed).",
            decision.Failure!.Explanation);
    }

    [Fact]
    public void Place_ForcedToAnUnknownHost_SaysSo()
    {
        var decision = ForcingFleet().Place(Desktop(forced: "hv9"));

        Assert.Equal("Desktop d1 is forced to hv9, which is not a known hypervisor.", decision.Failure!.Explanation);
    }
}
