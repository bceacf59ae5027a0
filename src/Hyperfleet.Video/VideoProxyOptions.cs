namespace Hyperfleet.Video;

/// <summary>A video proxy's settings (section <c>Hyperfleet:Video</c> in <c>serve</c>; flags of <c>hyperfleet video-proxy</c>).</summary>
public sealed class VideoProxyOptions
{
    /// <summary>Where the browser (WebSocket) listener binds, <c>address:port</c>.</summary>
    public string BrowserEndpoint { get; set; } = "0.0.0.0:8443";

    /// <summary>Where the SPICE (HTTP CONNECT) listener binds, <c>address:port</c>.</summary>
    public string SpiceEndpoint { get; set; } = "0.0.0.0:8081";

    /// <summary>Hosts the proxy may dial, comma separated: the seed's <c>VIDEO_HYPERVISOR_HOSTNAMES</c>, added to the registry's.</summary>
    public string AllowedHosts { get; set; } = "";

    /// <summary>Display ports the proxy may dial: the seed's <c>VIDEO_HYPERVISOR_PORTS</c> (ports and ranges, comma separated).</summary>
    public string AllowedPorts { get; set; } = "5900-7899";

    /// <summary>
    /// Browser origins whose pages may open a WebSocket here, comma separated (<c>https://vdi.example.org</c>). Empty: only
    /// pages served by the same host as the WebSocket (same-origin).
    /// </summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>A hypervisor's own proxy dials its displays here (127.0.0.1) whatever host the ticket names; empty: the ticket's host.</summary>
    public string? DialHost { get; set; }

    /// <summary>WebSocket pings keep idle sessions alive through intermediaries.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often sessions are reported to the control plane.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a CONNECT request's head may take to arrive.</summary>
    public TimeSpan RequestHeadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How the control plane knows this proxy: <c>central</c> or the hypervisor's id.</summary>
    public string ProxyName { get; set; } = "central";
}
