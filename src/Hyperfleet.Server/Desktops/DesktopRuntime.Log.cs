using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Desktops;

public sealed partial class DesktopRuntime
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {DesktopId} started on {HypervisorId} (VNC {Vnc}, SPICE {Spice})")]
    private static partial void LogStarted(ILogger logger, string desktopId, string hypervisorId, int vnc, int spice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desktop {DesktopId} failed to start on {HypervisorId}: {Detail}")]
    private static partial void LogStartFailed(ILogger logger, string desktopId, string hypervisorId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {DesktopId}: ports {Vnc}/{Spice} busy on {HypervisorId}; trying another pair")]
    private static partial void LogPortBusy(ILogger logger, string desktopId, string hypervisorId, int vnc, int spice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desktop {DesktopId} was stopped while starting on {HypervisorId}; its new domain is destroyed")]
    private static partial void LogStartOverridden(ILogger logger, string desktopId, string hypervisorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {DesktopId} stopped on {HypervisorId} (destroyed: {Destroyed})")]
    private static partial void LogStopped(ILogger logger, string desktopId, string hypervisorId, bool destroyed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Operation on desktop {DesktopId} failed")]
    private static partial void LogOperationFailed(ILogger logger, string desktopId, Exception exception);
}
