using Hyperfleet.Server.Vpn;
using Microsoft.Extensions.Configuration;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>Bad <c>Hyperfleet:Vpn</c> settings stop the start, each named in the failure; the defaults start.</summary>
public sealed class VpnSettingsValidatorTests
{
    private static VpnSettings Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>($"{VpnSettings.Section}:{s.Key}", s.Value)))
            .Build();
        var bound = new VpnSettings();
        configuration.GetSection(VpnSettings.Section).Bind(bound);
        return bound;
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new VpnSettingsValidator().Validate(null, new VpnSettings()).Succeeded);
    }

    [Theory]
    [InlineData("Network", "100.0.0.0/8")] // the widest allowed prefix…
    [InlineData("Network", "10.8.0.0/29")] // …and the narrowest
    [InlineData("Vni", "1")]
    [InlineData("Vni", "16777215")]
    [InlineData("BfdIntervalMs", "50")]
    [InlineData("BfdIntervalMs", "10000")]
    [InlineData("HandshakeTimeout", "00:03:00")]
    [InlineData("Host", "192.0.2.10")]
    [InlineData("Host", "")]
    [InlineData("Namespace", "hf-vpn_1.test")]
    public void Validate_ABoundaryValue_Succeeds(string key, string value)
    {
        var result = new VpnSettingsValidator().Validate(null, Bind((key, value)));
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Network", "not-a-network")]
    [InlineData("Network", "100.72.0.0/30")] // no room for the node and a host or two
    [InlineData("Network", "100.0.0.0/7")]
    [InlineData("Network", "fd00:72::/64")]
    [InlineData("Network", "100.72.0.5/16")] // host bits set: the network is 100.72.0.0/16
    [InlineData("Network", "100.72/16")] // a short form IPNetwork would read as 100.0.0.72
    [InlineData("Vni", "0")]
    [InlineData("Vni", "16777216")]
    [InlineData("BfdIntervalMs", "49")]
    [InlineData("BfdIntervalMs", "10001")]
    [InlineData("HandshakeTimeout", "00:02:59")]
    [InlineData("Host", "vpn.example.org")]
    [InlineData("Host", "fd00::1")]
    [InlineData("Namespace", "two words")]
    [InlineData("Namespace", "../etc")]
    [InlineData("Namespace", "nsxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // 66 characters
    public void Validate_ABadSetting_FailsNamingIt(string key, string value)
    {
        var result = new VpnSettingsValidator().Validate(null, Bind((key, value)));
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains($"{VpnSettings.Section}:{key}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EverythingBad_ReportsEveryProblem()
    {
        var settings = Bind(("Network", "100.72.0.0/30"), ("Vni", "0"), ("BfdIntervalMs", "1"), ("HandshakeTimeout", "00:01:00"),
            ("Host", "vpn.example.org"), ("Namespace", "a b"));
        var failures = new VpnSettingsValidator().Validate(null, settings).Failures!;
        foreach (var key in new[] { "Network", "Vni", "BfdIntervalMs", "HandshakeTimeout", "Host", "Namespace" })
        {
            Assert.Single(failures, f => f.Contains($"{VpnSettings.Section}:{key}", StringComparison.Ordinal));
        }
    }
}
