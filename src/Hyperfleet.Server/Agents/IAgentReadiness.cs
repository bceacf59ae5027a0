using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Agents;

/// <summary>
/// A part of the control plane that must have done its side for a host before that host's agent gets its configuration
/// (e.g. the VPN node adding the host's peer). Until every part is ready, <c>GET /api/v1/agent/config</c> answers 428.
/// </summary>
public interface IAgentReadiness
{
    /// <summary>Null when ready; else what is still pending, in words for the agent's log.</summary>
    ValueTask<string?> PendingAsync(Hypervisor hypervisor, CancellationToken ct);
}
