namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>A hypervisor's place on the overlay: its address and key, and why its tunnel is down when it is.</summary>
/// <param name="Address">Its overlay address (from <c>WG_HYPERS_NET</c>), kept across registrations; null until its agent registers.</param>
/// <param name="WgPublicKey">Its WireGuard public key (its private key never leaves the host).</param>
/// <param name="TunnelReason">Why the tunnel is disconnected: <c>no_agent</c>, <c>bfd_down</c>, <c>handshake_stale</c>, <c>no_handshake</c>, <c>vpn_node_down</c>…</param>
/// <param name="TunnelDetail">The same in words (e.g. BFD's diagnostic, the handshake's age).</param>
/// <param name="TunnelSince">When the tunnel status last changed.</param>
public sealed record HypervisorVpnResponse(
    string? Address,
    string? WgPublicKey,
    string? TunnelReason,
    string? TunnelDetail,
    DateTimeOffset? TunnelSince);
