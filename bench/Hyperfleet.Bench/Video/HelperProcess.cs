using System.Diagnostics;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// A process the benchmark runs beside itself (the display, the proxy, websockify), so that each one's CPU and memory
/// are its own. Benchmark helpers answer line commands on stdin/stdout and exit when stdin closes; others are only
/// drained and, at the end, killed with their children.
/// </summary>
public sealed class HelperProcess : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly Process process;
    private readonly bool speaks;

    private HelperProcess(Process process, bool speaks)
    {
        this.process = process;
        this.speaks = speaks;
    }

    public int Id => process.Id;

    /// <summary>CPU used so far by the process and its children.</summary>
    public TimeSpan Cpu => ProcessTree.Cpu(process.Id);

    /// <summary>Proportional memory of the process and its children, bytes.</summary>
    public long Pss => ProcessTree.Pss(process.Id);

    /// <summary>This benchmark's own executable with a helper subcommand; <paramref name="prefix"/> e.g. <c>ip netns exec NS</c>.</summary>
    public static HelperProcess StartSelf(IReadOnlyList<string> prefix, params string[] args)
    {
        var self = Environment.ProcessPath!;
        var own = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(HelperProcess).Assembly.Location] : Array.Empty<string>();
        return Start(prefix, self, [.. own, .. args], speaks: true);
    }

    /// <summary>Any program, its output drained.</summary>
    public static HelperProcess StartOther(IReadOnlyList<string> prefix, string program, params string[] args) =>
        Start(prefix, program, args, speaks: false);

    private static HelperProcess Start(IReadOnlyList<string> prefix, string program, string[] args, bool speaks)
    {
        var all = prefix.Concat([program]).Concat(args).ToList();
        var info = new ProcessStartInfo(all[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = !speaks,
            UseShellExecute = false,
        };
        all.Skip(1).ToList().ForEach(info.ArgumentList.Add);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        if (!speaks)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return new HelperProcess(process, speaks);
    }

    /// <summary>The helper's next line (its <c>ready ...</c> line or an answer).</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        return await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"helper {process.Id} ended (exit code {(process.HasExited ? process.ExitCode : -1)})");
    }

    /// <summary>Sends a command line and returns the answer line.</summary>
    public async Task<string> AskAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        return await ReadLineAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            if (speaks)
            {
                process.StandardInput.Close(); // a helper's cue to stop
            }
            else
            {
                process.Kill(entireProcessTree: true);
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }
}
