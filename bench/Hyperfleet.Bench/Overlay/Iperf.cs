using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hyperfleet.Bench.Overlay;

/// <summary>One TCP iperf3 run between two testbed hosts: a one-off server in the destination's namespace, the client in the source's.</summary>
public static class Iperf
{
    private const string Port = "5299";

    /// <summary>What the receiver got (<c>end.sum_received</c>) and the sender's retransmits.</summary>
    public sealed record Result(string Path, double Mbits, long Retransmits);

    public static async Task<Result> RunAsync(string path, string from, string to, string address, int seconds)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", to, "iperf3", "-s", "-1", "-p", Port })
        {
            info.ArgumentList.Add(a);
        }
        using var server = Process.Start(info)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            // The server needs a moment to listen: a refused connection is tried again.
            for (var attempt = 1; ; attempt++)
            {
                await Task.Delay(200);
                var (_, stdout, stderr) = await Netns.RunProcessAsync("ip",
                    ["netns", "exec", from, "iperf3", "-c", address, "-p", Port, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J"],
                    TimeSpan.FromSeconds(seconds + 30));
                var json = stdout.Length > 0 ? JsonDocument.Parse(stdout).RootElement : default;
                if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error))
                {
                    if (attempt < 15 && error.GetString()!.Contains("connect", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    throw new InvalidOperationException($"iperf3 {path}: {error.GetString()}");
                }
                if (json.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidOperationException($"iperf3 {path}: no result: {stderr}");
                }
                var end = json.GetProperty("end");
                var received = end.GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
                var retransmits = end.GetProperty("sum_sent").TryGetProperty("retransmits", out var r) ? r.GetInt64() : 0;
                return new Result(path, received / 1e6, retransmits);
            }
        }
        finally
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await server.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                server.Kill();
            }
        }
    }
}
