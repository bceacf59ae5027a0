using Hyperfleet.Core.Placement;
using static Hyperfleet.Core.Tests.Placement.TestFleets;

namespace Hyperfleet.Core.Tests.Placement;

public sealed partial class PlacementFleetTests
{
    /// <summary>
    /// Three hosts that each policy ranks differently: hv1 8 GiB free of 16 (50 %, 10 % CPU), hv2 12 GiB of 64
    /// (19 %, 40 % CPU), hv3 3 GiB of 4 (75 %, 90 % CPU).
    /// </summary>
    private static readonly PlacementHost[] Mixed =
    [
        Host("hv1", free: 8192, total: 16384, cpu: 10),
        Host("hv2", free: 12288, total: 65536, cpu: 40),
        Host("hv3", free: 3072, total: 4096, cpu: 90),
    ];

    [Theory]
    [InlineData(PlacementPolicy.AvailableRamPercent, "hv3")]
    [InlineData(PlacementPolicy.AvailableRam, "hv2")]
    [InlineData(PlacementPolicy.LessCpu, "hv1")]
    [InlineData(PlacementPolicy.RoundRobin, "hv1")]
    public void Place_EachPolicy_ChoosesItsBestHost(PlacementPolicy policy, string expected)
    {
        var decision = Fleet(policy, Mixed).Place(Desktop());

        Assert.Equal(expected, decision.HostId);
        Assert.Equal(PlacementRoute.Weighed, decision.Route);
    }

    /// <summary>Reservations count as used memory for the RAM weighers: 2 GiB starting on hv3 drops it to 25 %.</summary>
    [Theory]
    [InlineData(PlacementPolicy.AvailableRamPercent, "hv1")]
    [InlineData(PlacementPolicy.AvailableRam, "hv2")]
    [InlineData(PlacementPolicy.LessCpu, "hv1")]
    public void Place_AfterAReservation_WeighsWhatIsLeft(PlacementPolicy policy, string expected)
    {
        var fleet = Fleet(policy, Mixed);
        fleet.Reserve("starting", "hv3", 2048);

        Assert.Equal(expected, fleet.Place(Desktop()).HostId);
    }

    [Theory]
    [InlineData(50.0, null, "hv1")]
    [InlineData(99.9, 100.0, "hv1")]
    [InlineData(0.0, 0.0, "hv2")] // a tie, broken by fewer desktops
    public void Place_LessCpu_LowerSampleWinsAndNoSampleComesLast(double? cpu1, double? cpu2, string expected)
    {
        var fleet = Fleet(PlacementPolicy.LessCpu,
            Host("hv1", cpu: cpu1) with { DesktopsRunning = 4 },
            Host("hv2", cpu: cpu2) with { DesktopsRunning = 3 });

        Assert.Equal(expected, fleet.Place(Desktop()).HostId);
    }

    [Fact]
    public void Place_AvailableRamPercent_EqualSharesAreATieBrokenByFewerDesktops()
    {
        // 25 % of 64 GiB and 25 % of 16 GiB: the same share, so the emptier host (running + starting) wins.
        var fleet = Fleet(
            Host("hv1", free: 16384, total: 65536) with { DesktopsRunning = 2 },
            Host("hv2", free: 4096, total: 16384) with { DesktopsRunning = 1 });
        Assert.Equal("hv2", fleet.Place(Desktop()).HostId);

        fleet.UpdateStats("hv2", 4096 + 512, 16384, 10, 1);
        fleet.Reserve("starting", "hv2", 512);
        fleet.UpdateStats("hv1", 16384, 65536, 10, 1);

        Assert.Equal("hv1", fleet.Place(Desktop()).HostId);
    }

    [Fact]
    public void Place_AvailableRamPercent_LargestHostsStillCompareExactly()
    {
        const long max = PlacementFleet.MaxMemoryMib;
        var fleet = Fleet(Host("hv1", free: max - 2, total: max), Host("hv2", free: max - 1, total: max));

        Assert.Equal("hv2", fleet.Place(Desktop()).HostId);
        Assert.ThrowsAny<ArgumentException>(() => fleet.Upsert(Host("hv3", free: 1, total: max + 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void Place_Ties_SameSeedSameChoiceWhateverTheInsertionOrder(int seed)
    {
        var hosts = Enumerable.Range(1, 10).Select(i => Host($"hv{i}")).ToArray();
        var forward = Fleet(PlacementPolicy.AvailableRamPercent, seed, hosts);
        var backward = Fleet(PlacementPolicy.AvailableRamPercent, seed, hosts.Reverse().ToArray());

        for (var d = 0; d < 50; d++)
        {
            var desktop = Desktop($"desktop-{d}");
            Assert.Equal(forward.Place(desktop).HostId, backward.Place(desktop).HostId);
            Assert.Equal(forward.Place(desktop).HostId, forward.Place(desktop).HostId);
        }
    }

    [Fact]
    public void Place_Ties_AreSpreadOverDesktopsAndSeeds()
    {
        var hosts = Enumerable.Range(1, 10).Select(i => Host($"hv{i}")).ToArray();

        var perDesktop = Enumerable.Range(0, 100).Select(d => Fleet(PlacementPolicy.AvailableRam, 7, hosts).Place(Desktop($"d{d}")).HostId);
        var perSeed = Enumerable.Range(0, 100).Select(seed => Fleet(PlacementPolicy.AvailableRam, seed, hosts).Place(Desktop()).HostId);

        Assert.True(perDesktop.Distinct().Count() >= 8, "one desktop id per decision should reach most of 10 equal hosts");
        Assert.True(perSeed.Distinct().Count() >= 8, "one seed per fleet should reach most of 10 equal hosts");
    }

    public static TheoryData<string[], string[], string[]> Rotations => new()
    {
        // hosts in insertion order, hosts offline, the next six choices
        { ["hv1", "hv2", "hv3"], [], ["hv1", "hv2", "hv3", "hv1", "hv2", "hv3"] },
        { ["hv3", "hv1", "hv2"], [], ["hv1", "hv2", "hv3", "hv1", "hv2", "hv3"] },
        { ["hv1", "hv2", "hv3"], ["hv2"], ["hv1", "hv3", "hv1", "hv3", "hv1", "hv3"] },
        { ["b", "a", "c", "hv10", "hv9"], ["c"], ["a", "b", "hv10", "hv9", "a", "b"] },
        { ["hv1"], [], ["hv1", "hv1", "hv1", "hv1", "hv1", "hv1"] },
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void Place_RoundRobin_RotatesOverEligibleHostsInIdOrder(string[] hosts, string[] offline, string[] expected)
    {
        var fleet = Fleet(PlacementPolicy.RoundRobin,
            hosts.Select(id => Host(id) with { Online = !offline.Contains(id) }).ToArray());

        var chosen = expected.Select((_, i) => fleet.Place(Desktop($"d{i}")).HostId).ToArray();

        Assert.Equal(expected, chosen);
    }

    [Fact]
    public void Place_RoundRobin_CursorSurvivesHostsComingAndGoing()
    {
        var fleet = Fleet(PlacementPolicy.RoundRobin, Host("hv1"), Host("hv2"), Host("hv3"));
        Assert.Equal("hv1", fleet.Place(Desktop("d1")).HostId);

        fleet.Upsert(Host("hv15"));
        fleet.Upsert(Host("hv0"));
        Assert.Equal("hv15", fleet.Place(Desktop("d2")).HostId);

        fleet.Remove("hv15");
        Assert.Equal("hv2", fleet.Place(Desktop("d3")).HostId);
        fleet.Remove("hv3");
        Assert.Equal("hv0", fleet.Place(Desktop("d4")).HostId);
    }

    [Fact]
    public void Place_RoundRobin_ForcedAndFavouriteDoNotMoveTheCursor()
    {
        var fleet = Fleet(PlacementPolicy.RoundRobin, Host("hv1"), Host("hv2"), Host("hv3"));
        Assert.Equal("hv1", fleet.Place(Desktop("d1")).HostId);

        Assert.Equal("hv3", fleet.Place(Desktop("d2", forced: "hv3")).HostId);
        Assert.Equal("hv3", fleet.Place(Desktop("d3", favourite: "hv3")).HostId);

        Assert.Equal("hv2", fleet.Place(Desktop("d4")).HostId);
    }

    [Fact]
    public void Policy_ChangedAtRunTime_AppliesToTheNextDecision()
    {
        var fleet = Fleet(PlacementPolicy.AvailableRamPercent, Mixed);
        Assert.Equal("hv3", fleet.Place(Desktop()).HostId);

        fleet.Policy = PlacementPolicy.AvailableRam;

        Assert.Equal("hv2", fleet.Place(Desktop()).HostId);
    }
}
