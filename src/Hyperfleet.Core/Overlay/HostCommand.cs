using System.Diagnostics;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// Runs the host's networking tools (<c>ip</c>, <c>ovs-vsctl</c>, …), optionally inside a network namespace
/// (<c>ip netns exec</c>), with a deadline: a hung tool must not hang a reconcile loop.
/// </summary>
/// <param name="Namespace">The network namespace to run in, or null for this process's own.</param>
public sealed record HostCommand(string? Namespace = null)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="file"/>; throws <see cref="OverlayException"/> when it fails, naming the command and its error output.</summary>
    public async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken ct, TimeSpan? timeout = null)
    {
        var (code, stdout, stderr) = await TryRunAsync(file, args, ct, timeout);
        if (code != 0)
        {
            throw new OverlayException($"{Describe(file, args)} failed ({code}): {FirstLine(stderr.Length > 0 ? stderr : stdout)}");
        }
        return stdout;
    }

    /// <summary>Runs <paramref name="file"/> and returns its exit code and output; a timeout is exit code -1.</summary>
    public async Task<(int Code, string Stdout, string Stderr)> TryRunAsync(string file, IEnumerable<string> args, CancellationToken ct,
        TimeSpan? timeout = null)
    {
        var psi = Start(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new OverlayException($"{file} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private ProcessStartInfo Start(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo { UseShellExecute = false };
        if (Namespace is { Length: > 0 })
        {
            psi.FileName = "ip";
            foreach (var a in new[] { "netns", "exec", Namespace, file })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = file;
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    private string Describe(string file, IEnumerable<string> args) =>
        (Namespace is { Length: > 0 } ? $"[netns {Namespace}] " : "") + file + " " + string.Join(' ', args);

    private static string FirstLine(string text) =>
        text.Trim().Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : "no output";
}
