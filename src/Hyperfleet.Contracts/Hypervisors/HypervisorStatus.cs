namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>The state of a hypervisor as the control plane last proved it.</summary>
public enum HypervisorStatus
{
    /// <summary>Not connected: disabled, or not yet proven reachable since the control plane started.</summary>
    Offline,

    /// <summary>Connected and its checks pass; it takes work matching its capabilities.</summary>
    Online,

    /// <summary>Enabled but failing; <c>status_reason</c> and <c>status_detail</c> say why. Retried automatically.</summary>
    Error,

    /// <summary>Asked to be deleted; removed once nothing runs there (or at once with force).</summary>
    Deleting,
}
