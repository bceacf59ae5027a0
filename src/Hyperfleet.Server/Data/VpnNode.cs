namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>vpn_nodes</c>: the VPN node as the hosts' agents must reach it, written by the <c>vpn</c> role when it
/// starts, so that any replica can answer an agent's configuration request.
/// </summary>
public sealed class VpnNode
{
    /// <summary>The node's name (one node today: <c>hypers</c>, after its WireGuard interface).</summary>
    public required string Id { get; set; }
    public required string PublicKey { get; set; }

    /// <summary><c>ip:port</c> of its WireGuard interface on the underlay.</summary>
    public required string Endpoint { get; set; }
    public required string UnderlayAddress { get; set; }
    public required string OverlayAddress { get; set; }

    /// <summary><c>WG_HYPERS_NET</c> as the node runs it.</summary>
    public required string Network { get; set; }
    public int Vni { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
