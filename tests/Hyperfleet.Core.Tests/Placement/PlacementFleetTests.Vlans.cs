using Hyperfleet.Core.Placement;
using static Hyperfleet.Core.Tests.Placement.TestFleets;

namespace Hyperfleet.Core.Tests.Placement;

public sealed partial class PlacementFleetTests
{
    [Fact]
    public void Place_DesktopWithAVlan_GoesOnlyWhereTheTrunkCarriesIt_UnderEveryPolicy()
    {
        foreach (var policy in Enum.GetValues<PlacementPolicy>())
        {
            // hv1 would win every weigher, but its trunk has no VLAN 200.
            var fleet = Fleet(policy, Big("hv1") with { Vlans = [100] }, Host("hv2", free: 2048, cpu: 99) with { Vlans = [100, 200] });
            var decision = fleet.Place(Desktop() with { Vlan = 200 });
            Assert.True("hv2" == decision.HostId, $"{policy}: {decision.Outcome()}");
            Assert.Equal("hv1", fleet.Place(Desktop()).HostId);
        }
    }

    [Fact]
    public void Place_VlanNoHostCarries_IsRefusedWithVlanMissing_AndSaysWhich()
    {
        var decision = Fleet(Big("hv1") with { Vlans = [100] }, Big("hv2")).Place(Desktop() with { Vlan = 300 });
        Assert.Equal("hv1=VlanMissing hv2=VlanMissing", decision.Outcome());
        Assert.Contains("VLAN 300", decision.Failure!.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_ForcedToAHostWithoutTheVlan_IsRefused_FavouriteWithoutItIsPassedOver()
    {
        Assert.Equal("hv1=VlanMissing", Fleet(Big("hv1")).Place(Desktop(forced: "hv1") with { Vlan = 100 }).Outcome());
        var decision = Fleet(Big("hv1"), Host("hv2") with { Vlans = [100] }).Place(Desktop(favourite: "hv1") with { Vlan = 100 });
        Assert.Equal("hv2", decision.HostId);
        Assert.Equal(PlacementRefusalReason.VlanMissing, decision.FavouriteRefused);
    }
}
