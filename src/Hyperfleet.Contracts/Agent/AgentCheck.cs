namespace Hyperfleet.Contracts.Agent;

/// <summary>One self-check of a host's agent.</summary>
/// <param name="Name">What was checked: one of <see cref="AgentCheckNames"/>.</param>
/// <param name="Ok">Whether it passed.</param>
/// <param name="Detail">What was found: the proof when it passed, the failure when not.</param>
public sealed record AgentCheck(string Name, bool Ok, string Detail);
