using System.Diagnostics;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>Runs "remote" commands in a local <c>sh -c</c>, so disk operations can be tested against real qemu-img and files.</summary>
internal sealed class LocalShellConnector : ISshConnector
{
    /// <summary>When set, every login fails with this reason (a host that went away).</summary>
    public string? Unreachable { get; set; }

    public List<string> Commands { get; } = [];

    public Task<SshProbeResult> ProbeAsync(SshTarget target, CancellationToken ct) =>
        Task.FromResult(Unreachable is null ? new SshProbeResult(true, null, null, null) : new SshProbeResult(false, Unreachable, "cannot reach it", null));

    public async Task<(SshCommandResult? Result, SshProbeResult Login)> RunAsync(SshTarget target, string command, TimeSpan timeout, CancellationToken ct)
    {
        if (Unreachable is not null)
        {
            return (null, new SshProbeResult(false, Unreachable, "cannot reach it", null));
        }
        Commands.Add(command);
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (new SshCommandResult(process.ExitCode, await stdout, await stderr), new SshProbeResult(true, null, null, null));
    }
}
