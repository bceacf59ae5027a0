namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>viewer_sessions</c>: one viewer ticket issued to a user for a desktop, and the connection it opened
/// (who viewed what, from where, how much, how long). The row is written when the ticket is issued; the proxy that
/// carries the connection reports it open, its bytes and its end.
/// </summary>
public sealed class ViewerSession
{
    /// <summary>The ticket's id.</summary>
    public required string Id { get; set; }
    public required string Username { get; set; }
    public required string DesktopId { get; set; }
    public required string HypervisorId { get; set; }

    /// <summary><c>browser</c> or <c>spice</c>.</summary>
    public required string Protocol { get; set; }

    /// <summary><c>central</c>, or the id of the hypervisor whose own proxy carries it.</summary>
    public required string Proxy { get; set; }

    /// <summary>One of <see cref="ViewerSessionStatuses"/>.</summary>
    public string Status { get; set; } = ViewerSessionStatuses.Issued;
    public string? ClientAddress { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The ticket's expiry: an <c>issued</c> session not opened by then is <c>expired</c>.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public long BytesToClient { get; set; }
    public long BytesFromClient { get; set; }
    public string? EndReason { get; set; }

    /// <summary>Set when the session must close (an admin cut it, its desktop stopped); the proxy closes it on its next report.</summary>
    public string? CutReason { get; set; }
}

/// <summary>Statuses of a viewer session.</summary>
public static class ViewerSessionStatuses
{
    public const string Issued = "issued";
    public const string Open = "open";
    public const string Ended = "ended";
    public const string Expired = "expired";
}
