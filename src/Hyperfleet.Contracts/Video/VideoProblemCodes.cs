namespace Hyperfleet.Contracts.Video;

/// <summary>
/// Stable codes of the video path. The proxy refuses a connection with one of these (in the HTTP status line's
/// body for CONNECT, in the problem body for a WebSocket upgrade) and sends no byte to the display.
/// </summary>
public static class VideoProblemCodes
{
    /// <summary>The host is not in the proxy's allow-list (<c>VIDEO_HYPERVISOR_HOSTNAMES</c>).</summary>
    public const string HostNotAllowed = "host_not_allowed";

    /// <summary>The port is outside <c>VIDEO_HYPERVISOR_PORTS</c>.</summary>
    public const string PortNotAllowed = "port_not_allowed";

    /// <summary>No ticket came with the request.</summary>
    public const string TicketMissing = "ticket_missing";

    /// <summary>The ticket is not of the ticket format.</summary>
    public const string TicketMalformed = "ticket_malformed";

    /// <summary>The ticket's signature is not the control plane's.</summary>
    public const string TicketForged = "ticket_forged";

    /// <summary>The ticket was not used in time.</summary>
    public const string TicketExpired = "ticket_expired";

    /// <summary>The ticket was used already.</summary>
    public const string TicketReplayed = "ticket_replayed";

    /// <summary>The ticket is for another host, port or protocol than the request.</summary>
    public const string TicketMismatch = "ticket_mismatch";

    /// <summary>The display did not answer.</summary>
    public const string DisplayUnreachable = "display_unreachable";

    /// <summary>The request's Origin is not one the proxy serves.</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>The desktop is not running, so it has no display to view.</summary>
    public const string DesktopNotRunning = "desktop_not_running";

    /// <summary>The viewer session is over already (it cannot be cut again).</summary>
    public const string SessionEnded = "session_ended";
}
