namespace Hyperfleet.Server.Ssh;

/// <summary>
/// Outcome of logging in with the control plane's key. On failure <see cref="Reason"/> is a status reason code
/// (<c>ssh_unreachable</c>, <c>ssh_auth_failed</c>, <c>host_key_mismatch</c>, …) and <see cref="Detail"/> the
/// underlying message. <see cref="HostKey"/> is the key the host presented (OpenSSH format), when it got that far.
/// </summary>
public sealed record SshProbeResult(bool Ok, string? Reason, string? Detail, string? HostKey);
