using Hyperfleet.Server.Desktops;

namespace Hyperfleet.Server.Tests.Desktops;

public sealed class DesktopSettingsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new DesktopSettingsValidator().Validate(null, new DesktopSettings()).Succeeded);
        Assert.True(new PlacementSettingsValidator().Validate(null, new PlacementSettings()).Succeeded);
    }

    [Fact]
    public void Validate_EveryBadTiming_ReportedTogether()
    {
        var result = new DesktopSettingsValidator().Validate(null,
            new DesktopSettings { StopTimeout = TimeSpan.Zero, ReconcileInterval = TimeSpan.FromSeconds(-1), StartAttempts = 0 });
        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Hyperfleet:Desktops:StopTimeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("available_ram_percent", true)]
    [InlineData("available_ram", true)]
    [InlineData("round_robin", true)]
    [InlineData("less_cpu", true)]
    [InlineData("most_ram", false)]
    [InlineData("Round_Robin", false)]
    public void Validate_Weigher_KnownNamesOnly(string weigher, bool ok)
    {
        var result = new PlacementSettingsValidator().Validate(null, new PlacementSettings { Weigher = weigher });
        Assert.Equal(ok, result.Succeeded);
        if (!ok)
        {
            Assert.Contains("Hyperfleet:Placement:Weigher", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
