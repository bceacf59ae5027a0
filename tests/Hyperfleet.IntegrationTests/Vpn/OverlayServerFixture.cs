using Hyperfleet.IntegrationTests.Video;

namespace Hyperfleet.IntegrationTests.Vpn;

/// <summary>
/// The testbed control plane with its VPN node (role <c>vpn</c>), whose WireGuard and Open vSwitch run in the testbed's
/// VPN node host (<c>hfvpn</c>, 10.203.0.2), a host of its own on the bridge, as a VPN node on its own machine would.
/// </summary>
public sealed class OverlayServerFixture : OwnProxyServerFixture
{
    public const string VpnNamespace = "hfvpn";
    public const string VpnAddress = "10.203.0.2";

    protected override string Roles => "api,engine,video,vpn";

    /// <summary>Where the node keeps its key and its Open vSwitch.</summary>
    public string VpnRunDirectory => Path.Combine(DataDir, "vpn");

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Hyperfleet:Vpn:Host"] = VpnAddress;
        settings["Hyperfleet:Vpn:Namespace"] = VpnNamespace;
        settings["Hyperfleet:Vpn:RunDirectory"] = VpnRunDirectory;
    }
}
