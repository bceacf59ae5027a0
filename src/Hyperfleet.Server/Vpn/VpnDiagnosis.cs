using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Vpn;

/// <summary>
/// <c>hypervisor diagnose</c>: the seed's monitoring commands in one answer: the node's end (its peer and Geneve port),
/// the host's end (its agent's last report), the node's bridge ports, and the last tunnel events.
/// </summary>
public sealed class VpnDiagnosis(HyperfleetDbContext db, IVpnNodeView node)
{
    private static readonly string[] Kinds = ["tunnel_connected", "tunnel_disconnected", "vpn_address", "wg_key", "registered"];

    public async Task<ServiceResult<HypervisorDiagnosisResponse>> DiagnoseAsync(string id, CancellationToken ct)
    {
        var h = await db.Hypervisors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return ServiceError.NotFound(id);
        }
        var events = await db.HypervisorEvents.AsNoTracking()
            .Where(e => e.HypervisorId == id && Kinds.Contains(e.Kind))
            .OrderByDescending(e => e.Id).Take(20).ToListAsync(ct);
        return new HypervisorDiagnosisResponse(h.Id, h.VpnTunnelingMode, h.VpnAddress, h.TunnelStatus, h.TunnelReason,
            h.TunnelDetail ?? (node.View(id) is null ? node.State : null), node.View(id), node.Ports, h.AgentTunnel(), h.AgentHeartbeatAt,
            events.Select(e => e.ToResponse()).ToList());
    }
}
