namespace Hyperfleet.Core.Overlay;

/// <summary>A hypervisor as the VPN node must have it: a WireGuard peer (in <c>wireguard+geneve</c>) and one Geneve port.</summary>
/// <param name="Hypervisor">The hypervisor's id (recorded on its Geneve port).</param>
/// <param name="WireGuard">Whether it tunnels through WireGuard (<c>wireguard+geneve</c>).</param>
/// <param name="PublicKey">Its WireGuard public key.</param>
/// <param name="OverlayAddress">Its overlay address: the peer's allowed IP, and the Geneve remote with WireGuard.</param>
/// <param name="GeneveRemote">Where the node's Geneve port points: the overlay address with WireGuard, its own address without.</param>
public sealed record HubMember(string Hypervisor, bool WireGuard, string PublicKey, string OverlayAddress, string GeneveRemote)
{
    /// <summary>The node's Geneve port for this hypervisor: short (an interface name has 15 characters) and stable.</summary>
    public string PortName => GenevePortNames.For(Hypervisor);
}
