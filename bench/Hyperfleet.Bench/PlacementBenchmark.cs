using System.Diagnostics;
using System.Globalization;
using Hyperfleet.Core.Placement;

namespace Hyperfleet.Bench;

/// <summary>
/// Placement alone (placement issue): decisions per second over 1,000 hosts and 10,000 running desktops on one
/// core, for each policy, Hyperfleet's <see cref="PlacementFleet"/> against a straightforward LINQ baseline
/// (<see cref="LinqPlacementBaseline"/>) fed the same requests and the same churn, in alternating rounds of one
/// run. Target: ≥ 50,000 decisions/s. Before timing, a cross-check on one shared state confirms both choose the
/// same host (or hosts tied on the weigher and load), so the speed is not bought with different answers.
/// </summary>
public sealed class PlacementBenchmark(int decisions)
{
    private const int Hosts = 1000;
    private const int Desktops = 10_000;
    private const int Seed = 20261202;
    private const int Rounds = 5;
    private const int CrossChecks = 5000;
    private const double Target = 50_000;

    public void Run()
    {
        var core = PinToOneCore();
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        var workload = PlacementWorkload.Create(Hosts, Desktops, Seed);
        var requests = workload.Requests(decisions, Seed + 1);
        var baselineRequests = requests[..Math.Max(1, decisions / 10)];
        var report = new List<string>();
        var crossCheckLines = new List<string>();

        foreach (var policy in Enum.GetValues<PlacementPolicy>())
        {
            var name = PlacementPolicies.WireName(policy);
            crossCheckLines.Add(CrossCheck(workload, policy, requests[..Math.Min(CrossChecks, requests.Length)]));

            // Warm-up: both paths run long enough for tiered compilation to install optimised code.
            Measure(workload, new FleetPlacementTarget(policy, Seed), requests[..Math.Min(50_000, requests.Length)]);
            Measure(workload, new LinqPlacementBaseline(policy), requests[..Math.Min(5_000, requests.Length)]);
            Thread.Sleep(300);

            var baseline = new List<Result>();
            var fleet = new List<Result>();
            for (var round = 0; round < Rounds; round++)
            {
                baseline.Add(Measure(workload, new LinqPlacementBaseline(policy), baselineRequests));
                fleet.Add(Measure(workload, new FleetPlacementTarget(policy, Seed), requests));
                Console.Error.WriteLine(Text($"{name} round {round + 1}: baseline {baseline[^1].Rate:N0}/s, hyperfleet {fleet[^1].Rate:N0}/s"));
            }
            var b = Result.Merge(baseline);
            var f = Result.Merge(fleet);
            report.Add(Text(
                $"{name,-22} {b.Rate,11:N0} {b.P50Us,7:0.0} {b.P99Us,7:0.0} {b.BytesPerDecision,6:N0} {b.RefusedPercent,6:0.00}   {f.Rate,11:N0} {f.P50Us,7:0.00} {f.P99Us,7:0.00} {f.BytesPerDecision,6:N0} {f.RefusedPercent,6:0.00}   {f.Rate / b.Rate,6:0.0}x   {(f.Rate >= Target ? "met" : "NOT met")}"));
        }

        Console.WriteLine();
        Console.WriteLine(Text($"Placement alone: {Hosts:N0} hosts, {workload.RunningDesktops:N0} running desktops, one thread pinned to CPU {core}, {Rounds} alternating rounds per policy"));
        Console.WriteLine(Text($"machine: {Environment.ProcessorCount} CPUs, load average {load} at the start (other work shares the machine: rates are wall time and include preemption)"));
        Console.WriteLine("baseline = LINQ over host objects (Where filters + OrderByDescending weigher); hyperfleet = PlacementFleet; same requests, same churn");
        Console.WriteLine(Text($"each decision = place + reserve; >{PlacementRun.InFlight} in flight: oldest reported running (stats sample), a random desktop stops"));
        Console.WriteLine(Text($"decisions per round: hyperfleet {requests.Length:N0}, baseline {baselineRequests.Length:N0}; decisions/s = median round (wall time incl. churn); latency us over all rounds;"));
        Console.WriteLine("B = bytes allocated per decision (incl. churn and refusal explanations); ref % = starts that got no host");
        Console.WriteLine();
        Console.WriteLine(Text($"{"",-22} {"baseline (LINQ)",-42}   {"hyperfleet (PlacementFleet)",-42}"));
        Console.WriteLine(Text($"{"policy",-22} {"dec/s",11} {"p50 us",7} {"p99 us",7} {"B",6} {"ref %",6}   {"dec/s",11} {"p50 us",7} {"p99 us",7} {"B",6} {"ref %",6}   {"ratio",7}   target >= 50,000/s"));
        report.ForEach(Console.WriteLine);
        Console.WriteLine();
        crossCheckLines.ForEach(Console.WriteLine);
        Console.WriteLine(FailurePath(workload));
        Console.WriteLine("Reference: OpenNebula's default scheduler dispatches 30 VMs per 30 s cycle (documented, not measured here).");
    }

    private static Result Measure(PlacementWorkload workload, IPlacementTarget target, PlacementRequest[] requests)
    {
        var run = new PlacementRun(workload, target, Seed + 2);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var (elapsed, latencies, refused) = run.Execute(requests);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated - (latencies.Length * sizeof(long));
        return new Result(requests.Length / elapsed.TotalSeconds, latencies, refused, bytes / (double)requests.Length);
    }

    /// <summary>Both implementations decide on one shared state (every choice reserved in both, as hyperfleet chose).</summary>
    private static string CrossCheck(PlacementWorkload workload, PlacementPolicy policy, PlacementRequest[] requests)
    {
        var fleet = new PlacementFleet(policy, Seed);
        var baseline = new LinqPlacementBaseline(policy);
        foreach (var host in workload.Hosts)
        {
            fleet.Upsert(host);
            baseline.Upsert(host);
        }
        int same = 0, tied = 0, refused = 0, refusedForced = 0;
        string? first = null;
        foreach (var request in requests)
        {
            var mine = fleet.Place(request);
            var theirs = baseline.Place(request);
            if (mine.HostId == theirs)
            {
                same++;
                refused += mine.IsPlaced ? 0 : 1;
                refusedForced += !mine.IsPlaced && request.ForcedHostId is not null ? 1 : 0;
            }
            else if (mine.Route == PlacementRoute.Weighed && theirs is not null && baseline.Rank(mine.HostId!) == baseline.Rank(theirs))
            {
                tied++;
            }
            else
            {
                first ??= $"{request.DesktopId}: hyperfleet {mine.HostId ?? "none"} ({mine.Route}), baseline {theirs ?? "none"}";
            }
            if (mine.HostId is { } chosen)
            {
                fleet.Reserve(request.DesktopId, chosen, request.MemoryMib);
                baseline.Reserve(request.DesktopId, chosen, request.MemoryMib);
            }
        }
        var agree = same + tied;
        return Text($"cross-check {PlacementPolicies.WireName(policy),-22} {agree:N0}/{requests.Length:N0} agree ({same:N0} same host incl. {refused} refused by both ({refusedForced} forced), {tied:N0} exact ties broken differently)")
            + (first is null ? "" : $"; FIRST DISAGREEMENT {first}");
    }

    /// <summary>The slow path: a desktop no host can take, explained over the whole fleet.</summary>
    private static string FailurePath(PlacementWorkload workload)
    {
        var fleet = new PlacementFleet(PlacementPolicies.Default, Seed);
        foreach (var host in workload.Hosts)
        {
            fleet.Upsert(host);
        }
        var huge = new PlacementRequest("huge", 2L * 1024 * 1024, "pool0");
        var times = new long[1000];
        string explanation = "";
        for (var i = -100; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            explanation = fleet.Place(huge).Failure!.Explanation;
            if (i >= 0)
            {
                times[i] = Stopwatch.GetTimestamp() - start;
            }
        }
        Array.Sort(times);
        return Text($"no host fits (a 2 TiB desktop, {Hosts:N0} hosts refused): decision with explanation p50 {times[500] * 1_000_000.0 / Stopwatch.Frequency:0} us, {explanation.Length} characters:")
            + Environment.NewLine + "  " + explanation;
    }

    private static int PinToOneCore()
    {
        var core = Environment.ProcessorCount - 1;
        using var self = Process.GetCurrentProcess();
        self.ProcessorAffinity = (nint)(1L << core);
        return core;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Result(double Rate, long[] LatencyTicks, int Refused, double BytesPerDecision)
    {
        public double RefusedPercent => 100.0 * Refused / LatencyTicks.Length;

        public double P50Us => Percentile(0.50);

        public double P99Us => Percentile(0.99);

        /// <summary>Median rate of the rounds; latencies, refusals and allocations pooled.</summary>
        public static Result Merge(List<Result> rounds)
        {
            var rates = rounds.Select(r => r.Rate).Order().ToArray();
            var latencies = rounds.SelectMany(r => r.LatencyTicks).ToArray();
            Array.Sort(latencies);
            return new Result(rates[rates.Length / 2], latencies, rounds.Sum(r => r.Refused), rounds.Average(r => r.BytesPerDecision));
        }

        private double Percentile(double p) =>
            LatencyTicks[Math.Min(LatencyTicks.Length - 1, (int)(p * LatencyTicks.Length))] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
