using System.Diagnostics;
using System.Text;

namespace Hyperfleet.IntegrationTests.Testbed;

/// <summary>
/// A long-running program inside a testbed host's namespaces (<c>testbed exec hvK …</c>), as a daemon would run on a
/// real host: its output is collected, it can be stopped with SIGTERM (as systemd would) or killed.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public static HostProcess Start(TestbedFixture testbed, string host, IReadOnlyDictionary<string, string>? environment, params string[] command)
    {
        var start = new ProcessStartInfo(testbed.ScriptPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(host);
        start.ArgumentList.Add("--");
        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("testbed exec did not start"));
    }

    /// <summary>Waits until the output has a line containing <paramref name="text"/>; fails early if the program exits.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"exited ({process.ExitCode}) before printing '{text}':\n{Output}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no '{text}' within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>SIGTERM, as systemd stops a unit; waits for the exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        // The testbed script's subshell execs nsenter, which execs the program: the script's child is the program itself.
        using (var kill = Process.Start("pkill", ["-TERM", "-P", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
