using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The MTU of the desktops' shared L2 network: the smallest guest MTU of the hosts on it.</summary>
    public static int OverlayMtu(IEnumerable<Hypervisor> onOverlay) =>
        onOverlay.Select(h => MtuMath.GuestMtu(h.InfrastructureMtu, h.VpnTunnelingMode)).DefaultIfEmpty(MtuMath.MaxGuestMtu).Min();

    /// <summary>
    /// The MTU of a desktop's overlay NIC on <paramref name="host"/>, or null when the desktop gets none: the host is not on
    /// the overlay, or no VPN node runs (then its agent made no overlay bridge).
    /// </summary>
    public static async Task<int?> DesktopMtuAsync(HyperfleetDbContext db, Hypervisor host, CancellationToken ct)
    {
        return OnOverlay(host) && await db.VpnNodes.AnyAsync(ct) ? await OverlayMtuAsync(db, ct) : null;
    }

    /// <summary>The overlay's MTU now (<see cref="OverlayMtu"/> of every host on it).</summary>
    public static async Task<int> OverlayMtuAsync(HyperfleetDbContext db, CancellationToken ct)
    {
        var onOverlay = await db.Hypervisors.AsNoTracking().Where(x => x.WgPublicKey != null && x.VpnAddress != null).ToListAsync(ct);
        return OverlayMtu(onOverlay.Where(OnOverlay));
    }

    /// <summary>The host's side, for its agent; null when it is not on the overlay or no VPN node runs.</summary>
    /// <param name="h">The host.</param>
    /// <param name="node">The VPN node, if one runs.</param>
    /// <param name="overlayMtu">The overlay's MTU (<see cref="OverlayMtuAsync"/>).</param>
    public static AgentVpnConfig? AgentConfig(Hypervisor h, VpnNode? node, int overlayMtu)
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
            h.InfrastructureMtu - MtuMath.WireGuardOverhead,
            overlayMtu);
    }
}
