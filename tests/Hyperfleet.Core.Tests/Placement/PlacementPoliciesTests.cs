using Hyperfleet.Core.Placement;

namespace Hyperfleet.Core.Tests.Placement;

public sealed class PlacementPoliciesTests
{
    [Theory]
    [InlineData("available_ram_percent", PlacementPolicy.AvailableRamPercent)]
    [InlineData("available_ram", PlacementPolicy.AvailableRam)]
    [InlineData("round_robin", PlacementPolicy.RoundRobin)]
    [InlineData("less_cpu", PlacementPolicy.LessCpu)]
    [InlineData(null, PlacementPolicy.AvailableRamPercent)]
    [InlineData("", PlacementPolicy.AvailableRamPercent)]
    public void Parse_WireNameOrNothing_GivesThePolicy(string? name, PlacementPolicy expected)
    {
        Assert.Equal(expected, PlacementPolicies.Parse(name));
        Assert.True(PlacementPolicies.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("least_cpu")]
    [InlineData("Round_Robin")]
    [InlineData("available_ram_percent ")]
    [InlineData("random")]
    public void Parse_UnknownName_IsRefusedNamingItAndTheValidNames(string name)
    {
        var error = Assert.Throws<FormatException>(() => PlacementPolicies.Parse(name));

        Assert.Equal(
            $"Unknown placement policy '{name}'; use one of: available_ram_percent, available_ram, round_robin, less_cpu.",
            error.Message);
        Assert.False(PlacementPolicies.TryParse(name, out _));
    }

    [Theory]
    [InlineData(PlacementPolicy.AvailableRamPercent)]
    [InlineData(PlacementPolicy.AvailableRam)]
    [InlineData(PlacementPolicy.RoundRobin)]
    [InlineData(PlacementPolicy.LessCpu)]
    public void WireName_EveryPolicy_ParsesBack(PlacementPolicy policy)
    {
        Assert.Equal(policy, PlacementPolicies.Parse(PlacementPolicies.WireName(policy)));
    }

    [Fact]
    public void Default_IsAvailableRamPercent()
    {
        Assert.Equal(PlacementPolicy.AvailableRamPercent, PlacementPolicies.Default);
        Assert.Equal(PlacementPolicy.AvailableRamPercent, new PlacementFleet().Policy);
    }
}
