namespace Hyperfleet.Contracts.Agent;

/// <summary>Body of <c>POST /api/v1/agent/enable</c> and <c>POST /api/v1/agent/heartbeat</c>: the agent's latest self-checks.</summary>
/// <param name="AgentVersion">The agent's version.</param>
/// <param name="Checks">Every check it ran, passed or not.</param>
/// <param name="Tunnel">The tunnel as the host sees it; null when it has none.</param>
public sealed record AgentChecksRequest(string AgentVersion, IReadOnlyList<AgentCheck> Checks, AgentTunnelReport? Tunnel = null);
