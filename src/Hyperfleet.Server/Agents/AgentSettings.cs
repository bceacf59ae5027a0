namespace Hyperfleet.Server.Agents;

/// <summary><c>Hyperfleet:Agent:*</c>: how the control plane paces the hosts' agents.</summary>
public sealed class AgentSettings
{
    public const string Section = "Hyperfleet:Agent";

    /// <summary>How often agents report. An agent that misses <see cref="MissedBeats"/> in a row is shown silent.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int MissedBeats { get; set; } = 3;

    /// <summary>How long an agent waits before asking again for a configuration that is not ready (428).</summary>
    public TimeSpan ConfigRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The control plane's URL as hosts reach it, for the join command. Default: the first https address <c>serve</c>
    /// listens on (a wildcard becomes this machine's name), else the address the admin used.
    /// </summary>
    public string? JoinUrl { get; set; }

    public TimeSpan SilentAfter => HeartbeatInterval * MissedBeats;
}
