using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Vpn;

/// <summary>
/// What a hypervisor's row asks of the overlay, in one place: whether it is on it, what the VPN node must have applied
/// for it, and what its agent applies on its side.
/// </summary>
public static class VpnPlan
{
    /// <summary>A host is on the overlay once its agent registered a WireGuard key and got an address.</summary>
    public static bool OnOverlay(Hypervisor h) => h.WgPublicKey is not null && h.VpnAddress is not null && h.Status != HypervisorStatus.Deleting;

    /// <summary>
    /// What the VPN node records in <see cref="Hypervisor.VpnApplied"/> once it has configured the host: a change of any
    /// part (a mode change by an admin, a new key) makes the node apply again and the agent wait for it.
    /// </summary>
    public static string Fingerprint(Hypervisor h) => $"{WireNames.Of(h.VpnTunnelingMode)} {h.WgPublicKey} {h.VpnAddress}";

    /// <summary>The host's side, for its agent; null when it is not on the overlay or no VPN node runs.</summary>
    public static AgentVpnConfig? AgentConfig(Hypervisor h, VpnNode? node)
    {
        if (node is null || !OnOverlay(h))
        {
            return null;
        }
        var network = OverlayNetwork.Parse(node.Network);
        return new AgentVpnConfig(
            WireNames.Of(h.VpnTunnelingMode),
            network.WithPrefix(System.Net.IPAddress.Parse(h.VpnAddress!)),
            node.PublicKey,
            node.Endpoint,
            node.OverlayAddress,
            node.UnderlayAddress,
            node.Vni,
            MtuMath.GuestMtu(h.InfrastructureMtu, h.VpnTunnelingMode),
            h.InfrastructureMtu - MtuMath.WireGuardOverhead);
    }
}
