namespace Hyperfleet.Contracts.Agent;

/// <summary>
/// The host's side of the overlay, part of <c>GET /api/v1/agent/config</c>: what the agent brings up (WireGuard to the VPN
/// node in <c>wireguard+geneve</c>, then one Geneve port; the Geneve port alone in <c>geneve</c>). Given only once the VPN
/// node has added this host's peer and port, so the first handshake can succeed.
/// </summary>
/// <param name="Mode"><c>wireguard+geneve</c> or <c>geneve</c>, as the hypervisor's row says now.</param>
/// <param name="Address">The host's overlay address with the overlay's prefix (e.g. <c>100.72.0.11/16</c>), from <c>WG_HYPERS_NET</c>.</param>
/// <param name="NodePublicKey">The VPN node's WireGuard public key (base64).</param>
/// <param name="NodeEndpoint">Where the VPN node's WireGuard listens, <c>ip:port</c> (<c>WG_HYPERS_PORT</c>).</param>
/// <param name="NodeOverlayAddress">The VPN node's overlay address: the Geneve remote in <c>wireguard+geneve</c>.</param>
/// <param name="NodeUnderlayAddress">The VPN node's own address: the Geneve remote in <c>geneve</c>.</param>
/// <param name="Vni">The Geneve VNI of the desktops' overlay.</param>
/// <param name="GuestMtu">This host's guest MTU: its infrastructure MTU minus its own tunnels' overhead.</param>
/// <param name="TunnelMtu">The MTU of the host's WireGuard interface (infrastructure MTU minus WireGuard's overhead).</param>
/// <param name="OverlayMtu">
/// The MTU desktops' NICs get: the smallest guest MTU of every host on the overlay. Desktops share one L2 network, so a
/// frame from a Geneve-only host to a desktop behind WireGuard must fit the WireGuard path too, or it vanishes.
/// </param>
public sealed record AgentVpnConfig(
    string Mode,
    string Address,
    string NodePublicKey,
    string NodeEndpoint,
    string NodeOverlayAddress,
    string NodeUnderlayAddress,
    int Vni,
    int GuestMtu,
    int TunnelMtu,
    int OverlayMtu);
