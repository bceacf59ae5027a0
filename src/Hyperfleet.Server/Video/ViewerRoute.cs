using System.Globalization;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Video;

/// <summary>
/// The way from a viewer to a hypervisor's displays, by its flavour (seed 002). <c>hypervisor-standalone</c>: the
/// viewer reaches the central proxy, which dials the hypervisor. <c>hypervisor</c>: the viewer reaches the
/// hypervisor's own proxy (its <c>viewer.proxy_video_host</c>, else its hostname, on <c>viewer.html5_port</c> /
/// <c>viewer.spice_port</c>), which dials the display on 127.0.0.1.
/// </summary>
/// <param name="DialHost">The display's host in the ticket and the proxy path: <c>viewer.proxy_hyper_host</c>, else the hostname.</param>
/// <param name="ClientHost">Where the viewer reaches the proxy.</param>
/// <param name="BrowserPort">The proxy's WebSocket port as the viewer reaches it.</param>
/// <param name="SpicePort">The proxy's CONNECT port as the viewer reaches it.</param>
/// <param name="Tls">Whether the WebSocket is <c>wss://</c>.</param>
public sealed record ViewerRoute(string DialHost, string ClientHost, int BrowserPort, int SpicePort, bool Tls)
{
    public static ViewerRoute For(Hypervisor hypervisor, ICentralVideoProxy central, VideoSettings settings, string requestHost)
    {
        var dialHost = DisplayHostOf(hypervisor);
        if (hypervisor.Flavour == HypervisorFlavour.HypervisorStandalone)
        {
            return new ViewerRoute(dialHost,
                string.IsNullOrWhiteSpace(settings.PublicHost) ? requestHost : settings.PublicHost,
                settings.PublicBrowserPort ?? central.BrowserPort,
                settings.PublicSpicePort ?? central.SpicePort,
                central.BrowserTls);
        }
        return new ViewerRoute(dialHost,
            string.IsNullOrWhiteSpace(hypervisor.ViewerProxyVideoHost) ? hypervisor.Hostname : hypervisor.ViewerProxyVideoHost,
            hypervisor.ViewerHtml5Port, hypervisor.ViewerSpicePort, Tls: true);
    }

    /// <summary>The display host tickets for <paramref name="hypervisor"/> carry: <c>viewer.proxy_hyper_host</c>, else its hostname.</summary>
    public static string DisplayHostOf(Hypervisor hypervisor) =>
        string.IsNullOrWhiteSpace(hypervisor.ViewerProxyHyperHost) ? hypervisor.Hostname : hypervisor.ViewerProxyHyperHost;

    /// <summary>The noVNC WebSocket URL: IsardVDI's path shape <c>/{host}/{port}/{ticket}</c>.</summary>
    public string BrowserUrl(int displayPort, string ticket)
    {
        var host = ClientHost.Contains(':', StringComparison.Ordinal) ? "[" + ClientHost + "]" : ClientHost;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(Tls ? "wss" : "ws")}://{host}:{BrowserPort}/{Uri.EscapeDataString(DialHost)}/{displayPort}/{ticket}");
    }
}
