using System.Diagnostics;
using Hyperfleet.Core.Placement;

namespace Hyperfleet.Bench;

/// <summary>
/// One timed run of desktop starts against a target, with the fleet evolving as on a server: each decision
/// reserves the desktop's memory; once more than <see cref="InFlight"/> starts are pending, the oldest is
/// "reported running" (reservation released, the host's next stats sample counts it) and a random running
/// desktop stops (its host's sample frees the memory), so the fleet neither fills nor drains.
/// </summary>
public sealed class PlacementRun
{
    public const int InFlight = 256;

    private readonly IPlacementTarget target;
    private readonly PlacementHost[] hosts;
    private readonly Dictionary<string, int> indexOf;
    private readonly long[] free;
    private readonly double[] cpu;
    private readonly List<long>[] running;
    private readonly Queue<(string Desktop, int Host, long Mib)> pending = new();
    private readonly Random random;

    public PlacementRun(PlacementWorkload workload, IPlacementTarget target, int seed)
    {
        this.target = target;
        hosts = workload.Hosts;
        indexOf = hosts.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        free = hosts.Select(h => h.FreeMemMib!.Value).ToArray();
        cpu = hosts.Select(h => h.CpuPercent!.Value).ToArray();
        running = workload.Running.Select(r => r.ToList()).ToArray();
        random = new Random(seed);
        foreach (var host in hosts)
        {
            target.Upsert(host);
        }
    }

    /// <summary>Runs the requests; returns the wall time and each decision's latency (place + reserve) in ticks.</summary>
    public (TimeSpan Elapsed, long[] LatencyTicks, int Refused) Execute(PlacementRequest[] requests)
    {
        var latencies = new long[requests.Length];
        var refused = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests.Length; i++)
        {
            ref readonly var request = ref requests[i];
            var start = Stopwatch.GetTimestamp();
            var chosen = target.PlaceAndReserve(request);
            latencies[i] = Stopwatch.GetTimestamp() - start;
            if (chosen is null)
            {
                refused++;
                continue;
            }
            pending.Enqueue((request.DesktopId, indexOf[chosen], request.MemoryMib));
            if (pending.Count > InFlight)
            {
                Started(pending.Dequeue());
                StopOne();
            }
        }
        return (clock.Elapsed, latencies, refused);
    }

    private void Started((string Desktop, int Host, long Mib) start)
    {
        target.Release(start.Desktop);
        running[start.Host].Add(start.Mib);
        free[start.Host] -= start.Mib;
        Sample(start.Host);
    }

    private void StopOne()
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var h = random.Next(hosts.Length);
            var list = running[h];
            if (list.Count == 0)
            {
                continue;
            }
            free[h] += list[^1];
            list.RemoveAt(list.Count - 1);
            Sample(h);
            return;
        }
    }

    private void Sample(int h)
    {
        cpu[h] = Math.Clamp(cpu[h] + ((random.NextDouble() - 0.5) * 10), 1, 100);
        target.UpdateStats(hosts[h].Id, free[h], hosts[h].TotalMemMib!.Value, cpu[h], running[h].Count);
    }
}
