using System.Diagnostics;
using System.Text.Json;

namespace Hyperfleet.Bench.Overlay;

/// <summary>
/// Every host's <c>tunnel_status</c> as the API reports it, polled every 50 ms (one <c>GET /api/v1/hypervisors</c> per
/// poll), with the time from a fault to each host's first <c>disconnected</c> and its first <c>connected</c> after that.
/// </summary>
public sealed class TunnelWatch(ControlPlane plane)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>One host's tunnel as seen since the fault.</summary>
    public sealed class Track
    {
        public string Status { get; set; } = "";

        /// <summary>Seconds from the fault to the first poll that saw it disconnected.</summary>
        public double? DownAt { get; set; }

        /// <summary>The reason given with that first disconnected.</summary>
        public string? DownReason { get; set; }

        /// <summary>The detail given with that first disconnected (words).</summary>
        public string? DownDetail { get; set; }

        /// <summary>Seconds from the fault to the first poll that saw it connected after <see cref="DownAt"/>.</summary>
        public double? UpAgainAt { get; set; }

        /// <summary>Seconds from the fault to the first poll that saw it connected at all.</summary>
        public double? FirstUpAt { get; set; }
    }

    /// <summary>Every host's tunnel status and reason now.</summary>
    public async Task<Dictionary<string, (string Status, string? Reason, string? Detail)>> SnapshotAsync()
    {
        var list = JsonDocument.Parse(await plane.Http.GetStringAsync("/api/v1/hypervisors")).RootElement;
        var now = new Dictionary<string, (string, string?, string?)>(StringComparer.Ordinal);
        foreach (var h in list.EnumerateArray())
        {
            var vpn = h.TryGetProperty("vpn", out var v) && v.ValueKind == JsonValueKind.Object ? v : default;
            string? Text(string name) => vpn.ValueKind == JsonValueKind.Object && vpn.TryGetProperty(name, out var x) ? x.GetString() : null;
            now[h.GetProperty("id").GetString()!] = (h.GetProperty("tunnel_status").GetString()!, Text("tunnel_reason"), Text("tunnel_detail"));
        }
        return now;
    }

    /// <summary>
    /// Polls from <paramref name="clock"/>'s zero (the fault) until <paramref name="done"/> holds or <paramref name="deadline"/>
    /// passes; the tracks of <paramref name="hosts"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Track>> WatchAsync(IReadOnlyList<string> hosts, Stopwatch clock,
        Func<IReadOnlyDictionary<string, Track>, double, bool> done, TimeSpan deadline)
    {
        var tracks = hosts.ToDictionary(h => h, _ => new Track(), StringComparer.Ordinal);
        while (true)
        {
            var next = clock.Elapsed + Every;
            var snapshot = await SnapshotAsync();
            var t = clock.Elapsed.TotalSeconds;
            foreach (var (host, track) in tracks)
            {
                if (!snapshot.TryGetValue(host, out var seen))
                {
                    continue;
                }
                track.Status = seen.Status;
                if (seen.Status == "connected")
                {
                    track.FirstUpAt ??= t;
                    if (track.DownAt is not null)
                    {
                        track.UpAgainAt ??= t;
                    }
                }
                else if (track.DownAt is null)
                {
                    track.DownAt = t;
                    track.DownReason = seen.Reason;
                    track.DownDetail = seen.Detail;
                }
            }
            if (done(tracks, t) || clock.Elapsed > deadline)
            {
                return tracks;
            }
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
    }

    /// <summary>Waits until every host in <paramref name="hosts"/> is connected; false at the deadline.</summary>
    public async Task<bool> AllConnectedAsync(IReadOnlyList<string> hosts, TimeSpan deadline)
    {
        var tracks = await WatchAsync(hosts, Stopwatch.StartNew(), (t, _) => t.Values.All(x => x.Status == "connected"), deadline);
        return tracks.Values.All(x => x.Status == "connected");
    }
}
