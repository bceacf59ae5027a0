namespace Hyperfleet.Contracts.Agent;

/// <summary>
/// Answer of <c>GET /api/v1/agent/config</c> once the control plane's side of the host is ready (until then: 428 with
/// <c>Retry-After</c>): everything the host applies and checks before it enables itself.
/// </summary>
/// <param name="Hypervisor">The hypervisor this credential acts for.</param>
/// <param name="ControlPlaneSshKey">The control plane's SSH public key (installed again if it was removed).</param>
/// <param name="StoragePools">The storage pools this host uses: a disk-capable host checks that each is writable.</param>
/// <param name="HeartbeatSeconds">How often the agent reports; the control plane calls it silent after three missed beats.</param>
/// <param name="VideoProxy">Whether the agent serves the host's own video proxy (flavour <c>hypervisor</c>).</param>
/// <param name="Vpn">The host's side of the overlay; null when the control plane runs no VPN node.</param>
public sealed record AgentConfigResponse(
    string Hypervisor,
    string ControlPlaneSshKey,
    IReadOnlyList<AgentStoragePool> StoragePools,
    int HeartbeatSeconds,
    bool VideoProxy,
    AgentVpnConfig? Vpn = null);
