using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>
/// The testbed control plane reachable from the hosts over https on the testbed bridge (10.203.0.1), as a
/// hypervisor's own video proxy reaches it; its certificate names that address.
/// </summary>
public class OwnProxyServerFixture : VideoServerFixture
{
    public const string BridgeAddress = "10.203.0.1";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["urls"] = $"http://127.0.0.1:0;https://{BridgeAddress}:0";
        settings["Hyperfleet:Tls:Hostnames:0"] = BridgeAddress;
    }

    /// <summary>The https address on the bridge, e.g. <c>https://10.203.0.1:41234</c>.</summary>
    public Uri HttpsAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
}
