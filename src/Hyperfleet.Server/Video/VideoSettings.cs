namespace Hyperfleet.Server.Video;

/// <summary>How the control plane issues viewer tickets and where viewers reach the central proxy; <c>Hyperfleet:Video</c>.</summary>
public sealed class VideoSettings
{
    /// <summary>How long a ticket may wait to be opened (at most a minute).</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a fresh display password opens new connections (libvirt's <c>passwdValidTo</c>).</summary>
    public TimeSpan PasswordLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The central proxy's host as viewers reach it (a name on its certificate). Empty: the host the viewer's request
    /// to the API came to.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>The central proxy's browser (WebSocket) port as viewers reach it. Empty: the port it listens on.</summary>
    public int? PublicBrowserPort { get; set; }

    /// <summary>The central proxy's SPICE (HTTP CONNECT) port as viewers reach it. Empty: the port it listens on.</summary>
    public int? PublicSpicePort { get; set; }

    /// <summary>
    /// Whether the central proxy's browser listener speaks TLS (<c>wss://</c>) with the control plane's server certificate
    /// (the one <c>https://</c> urls serve: Hyperfleet's CA or the admin's files). On by default: a page served over https
    /// may open only <c>wss://</c>, and tickets should not cross a network in the clear. Off only for a lab on loopback.
    /// </summary>
    public bool BrowserTls { get; set; } = true;

    /// <summary>An <c>issued</c> session not opened this long after its ticket expired is recorded <c>expired</c>.</summary>
    public TimeSpan SessionSweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
