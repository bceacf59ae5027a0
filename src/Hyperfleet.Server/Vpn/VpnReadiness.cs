using Hyperfleet.Server.Agents;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Vpn;

/// <summary>
/// An agent gets its configuration only once the VPN node has added its peer and Geneve port for what its row asks now
/// (IsardVDI's <c>428 vpn_peer_not_ready</c>); without a VPN node, hosts run without the overlay and nothing waits.
/// </summary>
public sealed class VpnReadiness(HyperfleetDbContext db) : IAgentReadiness
{
    public async ValueTask<string?> PendingAsync(Hypervisor hypervisor, CancellationToken ct)
    {
        if (!VpnPlan.OnOverlay(hypervisor) || !await db.VpnNodes.AnyAsync(ct))
        {
            return null;
        }
        return hypervisor.VpnApplied == VpnPlan.Fingerprint(hypervisor)
            ? null
            : $"the VPN node has not yet added the peer and Geneve port of '{hypervisor.Id}' ({VpnPlan.Fingerprint(hypervisor)})";
    }
}
