namespace Hyperfleet.Core.Overlay;

/// <summary>One peer as a running WireGuard device reports it: what a reconciler compares with the database and
/// what health checks read (the handshake age says whether the tunnel is up).</summary>
/// <param name="PublicKey">The peer's public key, base64.</param>
/// <param name="Endpoint">Where the device last sent to or heard from the peer (<c>ip:port</c>, IPv6 in brackets);
/// null until it is configured or learnt from a handshake.</param>
/// <param name="AllowedIps">The peer's allowed IPs in CIDR notation, in the device's order.</param>
/// <param name="LastHandshake">The last completed handshake; null when there has been none. A healthy tunnel's
/// handshake ages up to ~120 s (WireGuard rekeys then); only ≥ 180 s means down.</param>
/// <param name="RxBytes">Bytes received from the peer since the device started.</param>
/// <param name="TxBytes">Bytes sent to the peer since the device started.</param>
/// <param name="PersistentKeepaliveSeconds">The keepalive interval; 0 when off.</param>
public sealed record WireGuardPeerState(
    string PublicKey,
    string? Endpoint,
    IReadOnlyList<string> AllowedIps,
    DateTimeOffset? LastHandshake,
    long RxBytes,
    long TxBytes,
    int PersistentKeepaliveSeconds);
