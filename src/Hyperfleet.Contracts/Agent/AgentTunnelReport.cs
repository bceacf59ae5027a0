namespace Hyperfleet.Contracts.Agent;

/// <summary>The tunnel as the host's agent sees it, sent with each heartbeat (the other end of <c>hypervisor diagnose</c>).</summary>
/// <param name="Mode">The mode the agent applied.</param>
/// <param name="Status"><c>connected</c> or <c>disconnected</c>.</param>
/// <param name="Reason">Why it is disconnected (a code such as <c>bfd_down</c>, <c>handshake_stale</c>); null when connected.</param>
/// <param name="HandshakeAgeSeconds">Seconds since the last WireGuard handshake; null in <c>geneve</c> mode or before the first.</param>
/// <param name="RxBytes">Bytes received through WireGuard.</param>
/// <param name="TxBytes">Bytes sent through WireGuard.</param>
/// <param name="BfdState">The Geneve port's BFD state (<c>up</c>, <c>down</c>, <c>init</c>, <c>admin_down</c>); null when unknown.</param>
/// <param name="BfdDiagnostic">BFD's diagnostic text, e.g. "Control Detection Time Expired".</param>
/// <param name="Endpoint">The WireGuard endpoint, or the Geneve remote in <c>geneve</c> mode.</param>
/// <param name="Repairs">How many times the agent has repaired its side since it started.</param>
public sealed record AgentTunnelReport(
    string Mode,
    string Status,
    string? Reason,
    double? HandshakeAgeSeconds,
    long RxBytes,
    long TxBytes,
    string? BfdState,
    string? BfdDiagnostic,
    string? Endpoint,
    int Repairs);
