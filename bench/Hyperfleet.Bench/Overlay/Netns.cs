using System.Diagnostics;
using System.Globalization;

namespace Hyperfleet.Bench.Overlay;

/// <summary>Commands and processes in a network namespace (a testbed host's <c>hvK</c>, the VPN node's <c>hfvpn</c>).</summary>
public static class Netns
{
    // USER_HZ: 100 on every Linux the testbed runs.
    private const double TicksPerSecond = 100;

    /// <summary>Runs <paramref name="file"/>; its exit code and output. A command past <paramref name="timeout"/> is killed (code -1).</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunProcessAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return (-1, await stdout, "timed out");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command inside <paramref name="ns"/> (<c>ip netns exec</c>: its network, not its mounts).</summary>
    public static Task<(int Code, string Stdout, string Stderr)> TryRunAsync(string ns, params string[] command) =>
        RunProcessAsync("ip", ["netns", "exec", ns, .. command], TimeSpan.FromSeconds(30));

    /// <summary>As <see cref="TryRunAsync"/>, throwing when the command fails.</summary>
    public static async Task<string> RunAsync(string ns, params string[] command)
    {
        var (code, stdout, stderr) = await TryRunAsync(ns, command);
        return code == 0 ? stdout : throw new InvalidOperationException($"{ns}: {string.Join(' ', command)} failed ({code}): {stderr}{stdout}");
    }

    /// <summary>The processes whose network namespace is <paramref name="ns"/>, by name (<c>/proc/PID/comm</c>).</summary>
    public static async Task<IReadOnlyList<(int Pid, string Comm)>> ProcessesAsync(string ns)
    {
        var (code, stdout, _) = await RunProcessAsync("ip", ["netns", "pids", ns], TimeSpan.FromSeconds(10));
        if (code != 0)
        {
            return [];
        }
        var found = new List<(int, string)>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var pid = int.Parse(line.Trim(), CultureInfo.InvariantCulture);
            if (Read($"/proc/{pid}/comm") is { } comm)
            {
                found.Add((pid, comm.Trim()));
            }
        }
        return found;
    }

    /// <summary>The pids of <paramref name="comm"/> in <paramref name="ns"/>.</summary>
    public static async Task<IReadOnlyList<int>> PidsAsync(string ns, string comm) =>
        (await ProcessesAsync(ns)).Where(p => p.Comm == comm).Select(p => p.Pid).ToList();

    /// <summary>
    /// CPU seconds of a process from <c>/proc/PID/stat</c>: its own (utime + stime) and its reaped children's (cutime +
    /// cstime: the short-lived commands it ran and waited for); null when it is gone.
    /// </summary>
    public static (double Own, double Children)? Cpu(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        var close = stat?.LastIndexOf(')') ?? -1;
        if (close < 0)
        {
            return null;
        }
        // Field n of proc(5) is index n - 3 after the command name (which may hold spaces).
        var f = stat![(close + 2)..].Split(' ');
        double Ticks(int n) => double.Parse(f[n - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
    }

    /// <summary>Direct children of a process (<c>/proc/PID/task/PID/children</c>).</summary>
    public static IReadOnlyList<int> Children(int pid) =>
        (Read($"/proc/{pid}/task/{pid}/children") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();

    public static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended meanwhile
        }
    }
}
