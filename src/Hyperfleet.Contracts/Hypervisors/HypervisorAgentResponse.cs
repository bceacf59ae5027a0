using Hyperfleet.Contracts.Agent;

namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>What a hypervisor's agent last said, for hosts that registered themselves.</summary>
/// <param name="Version">The agent's version.</param>
/// <param name="State">One of <see cref="AgentStates"/>.</param>
/// <param name="LastHeartbeat">When the agent last reported (registration, checks or heartbeat).</param>
/// <param name="Checks">Its latest self-checks.</param>
/// <param name="DisabledByAdmin">An admin disabled the host: its agent does not enable it again until an admin does.</param>
public sealed record HypervisorAgentResponse(
    string? Version,
    string State,
    DateTimeOffset? LastHeartbeat,
    IReadOnlyList<AgentCheck> Checks,
    bool DisabledByAdmin);
