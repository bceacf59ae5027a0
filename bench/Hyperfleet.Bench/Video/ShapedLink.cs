using System.Diagnostics;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// A 1 Gbit/s link for <c>--shaped</c>: a network namespace holding the display, the proxy and websockify, joined to
/// this one by a veth pair (10.251.7.1 here, 10.251.7.2 there) with a token bucket on both ends. Root only; the
/// namespace and the pair go away on dispose (and a stale one from an interrupted run is removed first).
/// </summary>
public sealed class ShapedLink : IAsyncDisposable
{
    private const string Namespace = "hfvbench";
    private const string Here = "hfvb0";
    private const string There = "hfvb1";

    private ShapedLink(string rate) => Rate = rate;

    public string Rate { get; }

    /// <summary>Where clients here reach the servers in the namespace.</summary>
    public static string ServerAddress => "10.251.7.2";

    /// <summary>Runs a command inside the namespace.</summary>
    public static IReadOnlyList<string> Prefix => ["ip", "netns", "exec", Namespace];

    public static async Task<ShapedLink> CreateAsync(string rate)
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("--shaped makes a network namespace and shapes a veth pair: run as root");
        }
        await RemoveAsync();
        var link = new ShapedLink(rate);
        try
        {
            await RunAsync("ip", "netns", "add", Namespace);
            await RunAsync("ip", "link", "add", Here, "type", "veth", "peer", "name", There, "netns", Namespace);
            await RunAsync("ip", "addr", "add", "10.251.7.1/30", "dev", Here);
            await RunAsync("ip", "link", "set", Here, "up");
            await RunAsync([.. Prefix, "ip", "link", "set", "lo", "up"]);
            await RunAsync([.. Prefix, "ip", "addr", "add", $"{ServerAddress}/30", "dev", There]);
            await RunAsync([.. Prefix, "ip", "link", "set", There, "up"]);
            // Bucket well above one GSO segment (64 KiB), so large segments pass instead of being dropped.
            await RunAsync("tc", "qdisc", "add", "dev", Here, "root", "tbf", "rate", rate, "burst", "256kb", "latency", "10ms");
            await RunAsync([.. Prefix, "tc", "qdisc", "add", "dev", There, "root", "tbf", "rate", rate, "burst", "256kb", "latency", "10ms"]);
            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await RemoveAsync();

    // Deleting the namespace deletes its end of the pair, and with it ours.
    private static async Task RemoveAsync()
    {
        await RunAsync(check: false, "ip", "netns", "del", Namespace);
        await RunAsync(check: false, "ip", "link", "del", Here);
    }

    private static Task RunAsync(params string[] command) => RunAsync(check: true, command);

    private static async Task RunAsync(bool check, params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        command.Skip(1).ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        await process.StandardOutput.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)}: exit {process.ExitCode}: {(await error).Trim()}");
        }
    }
}
