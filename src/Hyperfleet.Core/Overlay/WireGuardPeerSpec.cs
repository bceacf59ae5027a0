namespace Hyperfleet.Core.Overlay;

/// <summary>The desired configuration of one peer, as <see cref="WireGuardUapi.UpsertPeerAsync"/> applies it.</summary>
/// <param name="PublicKey">The peer's public key, base64; it identifies the peer.</param>
/// <param name="Endpoint">An IP literal and port (<c>192.0.2.7:51820</c>, <c>[2001:db8::7]:51820</c>); null leaves the
/// endpoint as it is, so a peer that dials in (a roaming one) keeps the address learnt from its handshake.
/// wireguard-go does not resolve host names: resolve them first.</param>
/// <param name="AllowedIps">CIDR networks; they replace the peer's current list. Empty means the peer routes nothing.</param>
/// <param name="PersistentKeepaliveSeconds">0 turns keepalives off, null leaves the interval as it is.</param>
public sealed record WireGuardPeerSpec(
    string PublicKey,
    string? Endpoint,
    IReadOnlyList<string> AllowedIps,
    int? PersistentKeepaliveSeconds = null);
