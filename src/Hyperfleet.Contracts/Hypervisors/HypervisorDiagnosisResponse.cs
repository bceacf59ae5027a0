using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;

namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>
/// Answer of <c>GET /api/v1/hypervisors/{id}/diagnose</c>: the seed's monitoring commands (<c>wg show</c>,
/// <c>ovs-vsctl show</c>, the engine's log) in one place, from both ends of the host's tunnel.
/// </summary>
/// <param name="Hypervisor">The hypervisor.</param>
/// <param name="Mode">Its tunneling mode.</param>
/// <param name="Address">Its overlay address.</param>
/// <param name="TunnelStatus"><c>connected</c> or <c>disconnected</c>, as measured by the VPN node.</param>
/// <param name="TunnelReason">Why it is disconnected.</param>
/// <param name="TunnelDetail">The same in words.</param>
/// <param name="VpnNode">The VPN node's view; null when no VPN node runs in this process.</param>
/// <param name="NodePorts">The VPN node's overlay bridge ports (one Geneve port per hypervisor).</param>
/// <param name="Agent">The host's agent's view, from its last heartbeat; null without an agent.</param>
/// <param name="AgentReportedAt">When that heartbeat came.</param>
/// <param name="Events">The last tunnel events (newest first).</param>
public sealed record HypervisorDiagnosisResponse(
    string Hypervisor,
    VpnTunnelingMode Mode,
    string? Address,
    string TunnelStatus,
    string? TunnelReason,
    string? TunnelDetail,
    TunnelEndView? VpnNode,
    IReadOnlyList<string> NodePorts,
    AgentTunnelReport? Agent,
    DateTimeOffset? AgentReportedAt,
    IReadOnlyList<HypervisorEventResponse> Events);
