namespace Hyperfleet.Server.Ssh;

/// <summary>SSH to hypervisors with the control plane's own key, checking the pinned host key.</summary>
public interface ISshConnector
{
    /// <summary>Logs in and out; classifies any failure. Never throws for network or auth problems.</summary>
    Task<SshProbeResult> ProbeAsync(SshTarget target, CancellationToken ct);

    /// <summary>
    /// Runs one command. Returns null and a failed probe result when the login itself failed (same
    /// classification as <see cref="ProbeAsync"/>).
    /// </summary>
    Task<(SshCommandResult? Result, SshProbeResult Login)> RunAsync(SshTarget target, string command, TimeSpan timeout, CancellationToken ct);
}
