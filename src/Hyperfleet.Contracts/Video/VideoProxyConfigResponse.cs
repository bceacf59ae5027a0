namespace Hyperfleet.Contracts.Video;

/// <summary>
/// Answer of <c>GET /api/v1/video/proxies/{proxy}/config</c> for a <c>hypervisor</c>-flavour host's own proxy: what it
/// needs to admit viewers, all from the registry and the control plane's settings.
/// </summary>
/// <param name="Proxy">The proxy's name: the hypervisor's id.</param>
/// <param name="DisplayHosts">The display host names tickets for this proxy carry (its <c>viewer.proxy_hyper_host</c>, else its hostname): the proxy's allow-list.</param>
/// <param name="AllowedPorts">Display ports it may dial (<c>VIDEO_HYPERVISOR_PORTS</c>).</param>
/// <param name="TicketKey">The public key viewer tickets are verified with, PEM.</param>
/// <param name="AllowedOrigins">Origins of pages that may open viewers, comma separated: <c>Hyperfleet:Video:AllowedOrigins</c>, else the control plane's origin as the proxy reached it.</param>
public sealed record VideoProxyConfigResponse(
    string Proxy,
    IReadOnlyList<string> DisplayHosts,
    string AllowedPorts,
    string TicketKey,
    string AllowedOrigins);
