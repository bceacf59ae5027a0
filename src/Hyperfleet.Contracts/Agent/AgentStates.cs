namespace Hyperfleet.Contracts.Agent;

/// <summary>Values of a hypervisor's <c>agent.state</c>.</summary>
public static class AgentStates
{
    /// <summary>Registered; its self-checks have not all passed yet.</summary>
    public const string Registered = "registered";

    /// <summary>Checks passed and it reports on time.</summary>
    public const string Running = "running";

    /// <summary>It missed three heartbeats: the agent (not necessarily libvirt) is down or cut off.</summary>
    public const string Silent = "silent";

    /// <summary>It deregistered on a clean stop (SIGTERM): the host is disabled and Offline with reason <c>agent_stopped</c>.</summary>
    public const string Stopped = "stopped";
}
