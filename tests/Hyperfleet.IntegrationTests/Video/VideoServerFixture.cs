using Hyperfleet.IntegrationTests.Desktops;
using Hyperfleet.Server.Video;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>The testbed control plane with its central video proxy (role <c>video</c>) on loopback ports of its own.</summary>
public class VideoServerFixture : DesktopsServerFixture
{
    protected override string Roles => "api,engine,video";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Hyperfleet:Video:BrowserEndpoint"] = "127.0.0.1:0";
        settings["Hyperfleet:Video:SpiceEndpoint"] = "127.0.0.1:0";
    }

    /// <summary>The central proxy as the ticket issuer sees it (its bound ports).</summary>
    public ICentralVideoProxy Proxy => Services.GetRequiredService<ICentralVideoProxy>();
}
