namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>One hypervisor's tunnel as the VPN node sees it (the node's half of <c>hypervisor diagnose</c>).</summary>
/// <param name="Peer">Whether the node's WireGuard interface has this host's peer (always false in <c>geneve</c> mode).</param>
/// <param name="Endpoint">The host's WireGuard endpoint as last seen (ip:port), or null.</param>
/// <param name="HandshakeAgeSeconds">Seconds since the last handshake; null before the first (or in <c>geneve</c> mode).</param>
/// <param name="RxBytes">Bytes received from the host through WireGuard.</param>
/// <param name="TxBytes">Bytes sent to the host through WireGuard.</param>
/// <param name="GenevePort">The node's Geneve port for this host, or null when it has none.</param>
/// <param name="GeneveRemote">That port's remote address.</param>
/// <param name="BfdState">BFD's state on that port.</param>
/// <param name="BfdDiagnostic">BFD's diagnostic text.</param>
public sealed record TunnelEndView(
    bool Peer,
    string? Endpoint,
    double? HandshakeAgeSeconds,
    long RxBytes,
    long TxBytes,
    string? GenevePort,
    string? GeneveRemote,
    string? BfdState,
    string? BfdDiagnostic);
