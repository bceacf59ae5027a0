using Hyperfleet.Core.Placement;
using static Hyperfleet.Core.Tests.Placement.TestFleets;

namespace Hyperfleet.Core.Tests.Placement;

public sealed partial class PlacementFleetTests
{
    /// <summary>A host that fails one filter, and the reason it is refused. Its 60 GiB free would win every weigher.</summary>
    public static TheoryData<string, PlacementHost, PlacementRefusalReason> RefusedHosts => new()
    {
        { "offline", Big("hv1") with { Online = false }, PlacementRefusalReason.Offline },
        { "offline and disabled", Big("hv1") with { Online = false, Enabled = false }, PlacementRefusalReason.Offline },
        { "disabled", Big("hv1") with { Enabled = false }, PlacementRefusalReason.Disabled },
        { "disk operations only", Big("hv1") with { CapHypervisor = false }, PlacementRefusalReason.NotHypervisor },
        { "only forced", Big("hv1") with { OnlyForced = true }, PlacementRefusalReason.OnlyForced },
        { "other pool", Big("hv1") with { PoolIds = ["nfs2"] }, PlacementRefusalReason.PoolUnreachable },
        { "no pool", Big("hv1") with { PoolIds = [] }, PlacementRefusalReason.PoolUnreachable },
        { "free unknown", Big("hv1") with { FreeMemMib = null }, PlacementRefusalReason.NoMemoryStats },
        { "total unknown", Big("hv1") with { TotalMemMib = null }, PlacementRefusalReason.NoMemoryStats },
        { "total zero", Big("hv1") with { TotalMemMib = 0 }, PlacementRefusalReason.NoMemoryStats },
        { "free too small", Host("hv1", free: 1023), PlacementRefusalReason.NotEnoughMemory },
        { "min free eats it", Big("hv1") with { MinFreeMemMib = 60 * 1024 }, PlacementRefusalReason.NotEnoughMemory },
    };

    [Theory]
    [MemberData(nameof(RefusedHosts))]
    public void Place_HostFailingAFilter_IsRefusedWithThatReason(string scenario, PlacementHost host, PlacementRefusalReason reason)
    {
        var decision = Fleet(host).Place(Desktop());

        Assert.False(decision.IsPlaced, scenario);
        Assert.Equal(PlacementRoute.None, decision.Route);
        var refusal = Assert.Single(decision.Failure!.Refusals);
        Assert.Equal(("hv1", reason), (refusal.HostId, refusal.Reason));
    }

    [Theory]
    [MemberData(nameof(RefusedHosts))]
    public void Place_BetterHostFailingAFilter_GoesToTheOneThatPasses(string scenario, PlacementHost host, PlacementRefusalReason reason)
    {
        foreach (var policy in Enum.GetValues<PlacementPolicy>())
        {
            var decision = Fleet(policy, host, Host("hv2", free: 2048, cpu: 99)).Place(Desktop());

            Assert.True("hv2" == decision.HostId, $"{scenario} ({reason}) under {policy}: {decision.Outcome()}");
            Assert.Equal(PlacementRoute.Weighed, decision.Route);
            Assert.Null(decision.Failure);
        }
    }

    /// <summary>free − reserved − min free ≥ needed, at and around the boundary.</summary>
    [Theory]
    [InlineData(2048, 0, 0, 2048, true)]
    [InlineData(2047, 0, 0, 2048, false)]
    [InlineData(4096, 2048, 0, 2048, true)]
    [InlineData(4096, 2049, 0, 2048, false)]
    [InlineData(4096, 0, 2048, 2048, true)]
    [InlineData(4096, 0, 2049, 2048, false)]
    [InlineData(8192, 2048, 2048, 4096, true)]
    [InlineData(8192, 2048, 2048, 4097, false)]
    public void Place_MemoryArithmetic_CountsMinFreeAndReservations(long free, long minFree, long reserved, long needed, bool fits)
    {
        var fleet = Fleet(Host("hv1", free: free) with { MinFreeMemMib = minFree });
        if (reserved > 0)
        {
            fleet.Reserve("starting", "hv1", reserved);
        }

        Assert.Equal(fits ? "hv1" : "hv1=NotEnoughMemory", fleet.Place(Desktop(memory: needed)).Outcome());
    }

    [Fact]
    public void PlaceAndReserve_TwoHostsOfRoomForOneEach_ThirdDesktopIsRefused()
    {
        var fleet = Fleet(Host("hv1", free: 4096), Host("hv2", free: 4096));

        var first = fleet.PlaceAndReserve(Desktop("d1", memory: 3072)).Outcome();
        var second = fleet.PlaceAndReserve(Desktop("d2", memory: 3072)).Outcome();
        var third = fleet.PlaceAndReserve(Desktop("d3", memory: 3072)).Outcome();

        Assert.Equal(["hv1", "hv2"], new[] { first, second }.Order());
        Assert.Equal("hv1=NotEnoughMemory hv2=NotEnoughMemory", third);
    }

    [Fact]
    public void Release_StartedOrFailed_GivesTheMemoryBack()
    {
        var fleet = Fleet(Host("hv1", free: 4096));
        fleet.PlaceAndReserve(Desktop("d1", memory: 3072));
        Assert.False(fleet.Place(Desktop("d2", memory: 3072)).IsPlaced);

        Assert.True(fleet.Release("d1"));

        Assert.Equal("hv1", fleet.Place(Desktop("d2", memory: 3072)).HostId);
        Assert.False(fleet.Release("d1"));
    }

    [Fact]
    public void Reserve_SameDesktopAgain_MovesItsReservation()
    {
        var fleet = Fleet(PlacementPolicy.AvailableRam, Host("hv1", free: 8192), Host("hv2", free: 8000));
        fleet.Reserve("d1", "hv1", 4096);
        Assert.Equal("hv2", fleet.Place(Desktop("d2")).HostId);

        fleet.Reserve("d1", "hv2", 4096);

        Assert.Equal("hv1", fleet.Place(Desktop("d2")).HostId);
        Assert.Equal(1, fleet.ReservationCount);
    }

    [Fact]
    public void Upsert_NewStatsSample_KeepsReservations()
    {
        var fleet = Fleet(Host("hv1", free: 4096));
        fleet.Reserve("d1", "hv1", 3072);

        fleet.Upsert(Host("hv1", free: 4000));
        fleet.UpdateStats("hv1", 3900, 16384, 20, 0);

        Assert.Equal("hv1=NotEnoughMemory", fleet.Place(Desktop("d2")).Outcome());
    }

    [Fact]
    public void Remove_Host_IsNoLongerChosenAndItsReservationsGo()
    {
        var fleet = Fleet(Host("hv1", free: 9000), Host("hv2"));
        fleet.Reserve("d1", "hv1", 512);

        Assert.True(fleet.Remove("hv1"));

        Assert.Equal("hv2", fleet.Place(Desktop("d2")).HostId);
        Assert.Equal(0, fleet.ReservationCount);
        Assert.False(fleet.Reserve("d3", "hv1", 512));
        Assert.False(fleet.Remove("hv1"));
    }

    [Fact]
    public void UpdateStats_FirstSample_MakesTheHostEligible()
    {
        var fleet = Fleet(Host("hv1", free: null, total: null, cpu: null));
        Assert.Equal("hv1=NoMemoryStats", fleet.Place(Desktop()).Outcome());

        Assert.True(fleet.UpdateStats("hv1", 8192, 16384, 5, 0));

        Assert.Equal("hv1", fleet.Place(Desktop()).HostId);
        Assert.False(fleet.UpdateStats("hv9", 8192, 16384, 5, 0));
    }

    [Fact]
    public void Place_InvalidRequest_Throws()
    {
        var fleet = Fleet(Host("hv1"));

        Assert.ThrowsAny<ArgumentException>(() => fleet.Place(Desktop(memory: 0)));
        Assert.ThrowsAny<ArgumentException>(() => fleet.Place(Desktop(id: "")));
        Assert.ThrowsAny<ArgumentException>(() => fleet.Place(Desktop(pool: "")));
        Assert.ThrowsAny<ArgumentException>(() => fleet.Upsert(Host("hv2", free: -1)));
        Assert.ThrowsAny<ArgumentException>(() => fleet.Reserve("d1", "hv1", 0));
    }

    private static PlacementHost Big(string id) => Host(id, free: 60 * 1024, total: 64 * 1024, cpu: 0);
}
