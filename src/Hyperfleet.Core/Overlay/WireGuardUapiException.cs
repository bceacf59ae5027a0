namespace Hyperfleet.Core.Overlay;

/// <summary>
/// A failed UAPI request to wireguard-go: the one exception the overlay code catches, so callers can tell a
/// daemon that is not running (restart it) from one that refused the configuration (fix the request).
/// </summary>
public sealed class WireGuardUapiException : Exception
{
    /// <summary>Creates the exception; the message should already name <paramref name="socketPath"/>.</summary>
    public WireGuardUapiException(string socketPath, string message, int? errno = null, bool isUnavailable = false, bool isTimeout = false, Exception? inner = null)
        : base(message, inner)
    {
        SocketPath = socketPath;
        Errno = errno;
        IsUnavailable = isUnavailable;
        IsTimeout = isTimeout;
    }

    /// <summary>The UAPI socket the request went to.</summary>
    public string SocketPath { get; }

    /// <summary>The <c>errno=</c> the daemon answered (negative, e.g. -22 for an invalid value); null when it gave none.</summary>
    public int? Errno { get; }

    /// <summary>
    /// True when the socket is missing or refuses connections: the daemon is not running (or died), so a
    /// restart can help, while a retry of the same request against the same state cannot.
    /// </summary>
    public bool IsUnavailable { get; }

    /// <summary>
    /// True when the daemon accepted the connection but did not answer in time: it is alive but hung, which a
    /// caller may also answer with a restart, after more thought than for <see cref="IsUnavailable"/>.
    /// </summary>
    public bool IsTimeout { get; }
}
