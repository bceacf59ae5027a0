using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hyperfleet.Bench.Overlay;

/// <summary>
/// The faults, one trial at a time from a settled overlay (all four tunnels connected): a cut link (<c>testbed cut</c>,
/// then <c>restore</c>), a host's wireguard-go killed, the VPN node's wireguard-go killed. Each is timed from just before
/// the fault by the API (every 50 ms) and by the data plane (a ping every 20 ms from each WireGuard host to a Geneve one).
/// </summary>
public sealed class FaultTrials(Testbed testbed, ControlPlane plane, TunnelWatch watch)
{
    public static readonly string[] Hosts = ["hv1", "hv2", "hv3", "hv4"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The cut: command durations, API times, the data plane back after the restore, other hosts seen down.</summary>
    public sealed record Cut(double CommandSeconds, double? DownAt, string? Reason, double RestoreCommandSeconds, double? UpAt,
        OverlayPing.Outage? Data, IReadOnlyList<string> Collateral);

    /// <summary>A killed daemon, per WireGuard host: the API's view and the data plane's.</summary>
    public sealed record HostOutcome(double? DownAt, string? Reason, string? Detail, double? UpAgainAt, OverlayPing.Outage? Data);

    /// <summary>A kill: per WireGuard host, the other hosts seen down, and (a host's kill) when its agent's repairs counter moved.</summary>
    public sealed record Kill(IReadOnlyDictionary<string, HostOutcome> Hosts, IReadOnlyList<string> Collateral, double? RepairsSeenAt, int RepairsAdded);

    /// <summary>The Geneve host each WireGuard host pings (its traffic crosses its own wireguard-go and the node's).</summary>
    public static string PartnerOf(string host) => host == "hv1" ? "hv3" : "hv4";

    public static string OverlayAddress(string host) => $"192.168.77.{10 + int.Parse(host[2..], CultureInfo.InvariantCulture)}";

    public async Task<Cut> CutAsync(string host)
    {
        await SettleAsync();
        using var ping = OverlayPing.Start(host, PartnerOf(host), OverlayAddress(PartnerOf(host)));
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        var command = TimedAsync("cut", host);
        var down = await watch.WatchAsync(Hosts, clock, (t, _) => t[host].DownAt is not null, Deadline);
        var cutSeconds = await command;

        var restoreClock = Stopwatch.StartNew();
        var restoredAt = OverlayPing.Now();
        var restore = TimedAsync("restore", host);
        var up = await watch.WatchAsync(Hosts, restoreClock, (t, _) => t[host].FirstUpAt is not null && ping.Flowing(restoredAt), Deadline);
        var restoreSeconds = await restore;
        var collateral = Hosts.Where(h => h != host && (down[h].DownAt is not null || up[h].DownAt is not null)).ToList();
        return new Cut(cutSeconds, down[host].DownAt, down[host].DownReason, restoreSeconds, up[host].FirstUpAt, ping.After(restoredAt), collateral);
    }

    /// <summary>kill -9 of wireguard-go <paramref name="interfaceName"/> in <paramref name="ns"/>; <paramref name="hosts"/> are the WireGuard hosts it carries.</summary>
    public async Task<Kill> KillAsync(string ns, string interfaceName, IReadOnlyList<string> hosts, string? agentHost)
    {
        await SettleAsync();
        var repairsBefore = agentHost is null ? 0 : await RepairsAsync(agentHost) ?? 0;
        var pings = hosts.ToDictionary(h => h, h => OverlayPing.Start(h, PartnerOf(h), OverlayAddress(PartnerOf(h))), StringComparer.Ordinal);
        try
        {
            await Task.Delay(500);
            var pids = new List<int>();
            foreach (var pid in await Netns.PidsAsync(ns, "wireguard-go"))
            {
                if ((Netns.Read($"/proc/{pid}/cmdline") ?? "").Split('\0').Contains(interfaceName))
                {
                    pids.Add(pid);
                }
            }
            if (pids.Count == 0)
            {
                throw new InvalidOperationException($"no wireguard-go {interfaceName} in {ns}");
            }
            var clock = Stopwatch.StartNew();
            var fault = OverlayPing.Now();
            foreach (var pid in pids)
            {
                await Netns.RunProcessAsync("kill", ["-9", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            }
            // At least 4 s: a disconnect BFD sees (3 × 200 ms) must have had the time to show.
            var tracks = await watch.WatchAsync(Hosts, clock,
                (t, elapsed) => elapsed >= 4 && hosts.All(h => t[h].Status == "connected") && pings.Values.All(p => p.Flowing(fault)), Deadline);
            double? repairsAt = null;
            var added = 0;
            if (agentHost is not null)
            {
                // The counter comes with the agent's heartbeat (every 5 s): a confirmation, not a timing.
                while (clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    if (await RepairsAsync(agentHost) is { } now && now > repairsBefore)
                    {
                        repairsAt = clock.Elapsed.TotalSeconds;
                        added = now - repairsBefore;
                        break;
                    }
                    await Task.Delay(250);
                }
            }
            var outcomes = hosts.ToDictionary(h => h, h => new HostOutcome(tracks[h].DownAt, tracks[h].DownReason, tracks[h].DownDetail, tracks[h].UpAgainAt, pings[h].After(fault)),
                StringComparer.Ordinal);
            return new Kill(outcomes, Hosts.Where(h => !hosts.Contains(h) && tracks[h].DownAt is not null).ToList(), repairsAt, added);
        }
        finally
        {
            foreach (var p in pings.Values)
            {
                p.Dispose();
            }
        }
    }

    private async Task<double> TimedAsync(string command, string host)
    {
        var clock = Stopwatch.StartNew();
        await testbed.RunAsync(command, host);
        return clock.Elapsed.TotalSeconds;
    }

    private async Task<int?> RepairsAsync(string host)
    {
        var d = JsonDocument.Parse(await plane.Http.GetStringAsync($"/api/v1/hypervisors/{host}/diagnose")).RootElement;
        return d.TryGetProperty("agent", out var agent) && agent.ValueKind == JsonValueKind.Object ? agent.GetProperty("repairs").GetInt32() : null;
    }

    /// <summary>Every tunnel connected, then a second of quiet, before each trial.</summary>
    private async Task SettleAsync()
    {
        if (!await watch.AllConnectedAsync(Hosts, Deadline))
        {
            Console.Error.WriteLine("not all tunnels connected 60 s after the previous trial; going on");
        }
        await Task.Delay(1000);
    }
}
