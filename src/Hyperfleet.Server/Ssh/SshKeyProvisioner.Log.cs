using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Ssh;

public sealed partial class SshKeyProvisioner
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Installing the control plane's SSH key on {User}@{Host}:{Port} for {Actor}")]
    private static partial void LogStarted(ILogger logger, string user, string host, int port, string actor);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SSH key installed on {User}@{Host}:{Port} (host key {Fingerprint}); pinned on {PinnedCount} hypervisor(s)")]
    private static partial void LogInstalled(ILogger logger, string user, string host, int port, string fingerprint, int pinnedCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSH key not installed on {User}@{Host}:{Port} ({Code}): {Message}")]
    private static partial void LogFailed(ILogger logger, string user, string host, int port, string code, string message);
}
