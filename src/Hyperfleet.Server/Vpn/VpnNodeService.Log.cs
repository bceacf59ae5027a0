using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Vpn;

public sealed partial class VpnNodeService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node off: {Why}")]
    private static partial void LogNodeOff(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node up: WireGuard hypers on {Host}:{Port}, overlay {Network}")]
    private static partial void LogNodeStarted(ILogger logger, string host, int port, string network);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VPN node reconcile failed; repairing")]
    private static partial void LogReconcileFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node started {Daemon}")]
    private static partial void LogDaemonStarted(ILogger logger, string daemon);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node underlay: {What}")]
    private static partial void LogUnderlay(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node peer of {Hypervisor} set (allowed {Address}/32)")]
    private static partial void LogPeerSet(ILogger logger, string hypervisor, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node peer {PublicKey} removed")]
    private static partial void LogPeerRemoved(ILogger logger, string publicKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node Geneve port {Port} of {Hypervisor} set (remote {Remote})")]
    private static partial void LogPortSet(ILogger logger, string port, string hypervisor, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "VPN node Geneve port {Port} removed")]
    private static partial void LogPortRemoved(ILogger logger, string port);
}
