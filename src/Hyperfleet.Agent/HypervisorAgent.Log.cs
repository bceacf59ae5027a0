using Microsoft.Extensions.Logging;

namespace Hyperfleet.Agent;

public sealed partial class HypervisorAgent
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Registered as hypervisor {Hypervisor} at {Hostname} ({Kind} host); host key {Fingerprint} pinned")]
    private static partial void LogRegistered(ILogger logger, string hypervisor, string hostname, string kind, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed the control plane's SSH key in {File}")]
    private static partial void LogKeyInstalled(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Self-checks passed ({Checks}): hypervisor {Hypervisor} enabled; the engine connects over SSH")]
    private static partial void LogEnabled(ILogger logger, string hypervisor, string checks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Self-check {Check} failed: {Detail}")]
    private static partial void LogCheckFailed(ILogger logger, string check, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held disabled: {Reason}")]
    private static partial void LogHeld(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Step} not done ({Reason}); trying again in {Seconds:0.#} s")]
    private static partial void LogRetrying(ILogger logger, string step, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deregistered: hypervisor {Hypervisor} is disabled and Offline (agent_stopped)")]
    private static partial void LogDeregistered(ILogger logger, string hypervisor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deregister ({Reason}); the control plane will see the agent silent")]
    private static partial void LogDeregisterFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The enrollment token is no longer needed: blanked in {Config}")]
    private static partial void LogTokenForgotten(ILogger logger, string config);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not blank the enrollment token in {Config} ({Reason}); the credential is used first")]
    private static partial void LogTokenKept(ILogger logger, string config, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tunneling mode changed by an admin: now {Mode}")]
    private static partial void LogModeChanged(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep the new tunneling mode in {Path}: {Error}")]
    private static partial void LogModeNotKept(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overlay repaired: {What}")]
    private static partial void LogOverlayRepaired(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overlay not right yet: {Error}")]
    private static partial void LogOverlayFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "VLAN trunk {Trunk}: {Interfaces} ({How})")]
    private static partial void LogVlans(ILogger logger, string trunk, string interfaces, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VLAN trunk {Trunk} not set up: {Error}")]
    private static partial void LogVlansFailed(ILogger logger, string trunk, string error);
}
