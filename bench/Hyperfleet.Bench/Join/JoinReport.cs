namespace Hyperfleet.Bench.Join;

/// <summary>The join benchmark's report: each method's times and costs over all rounds, and the agent/admin ratios.</summary>
public static class JoinReport
{
    public static void Print(int hosts, int rounds, string agentDll, IReadOnlyList<JoinRun> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"Join: {hosts} testbed hosts at once, {rounds} round(s), a fresh control plane per run, order alternating");
        Console.WriteLine($"agent: 'hyperfleet agent' ({agentDll}) in every host with one enrollment token (register, SSH key, config, self-checks, enable)");
        Console.WriteLine("admin (SSH): add-ssh-key with the root password, add, enable, through the API, for every host at once");
        Console.WriteLine($"{"method",-14} {"p50 s",8} {"p99 s",8} {"max s",8} {"all s",8} {"fail",5} {"CP cpu s",9} {"host cpu s",11}");
        foreach (var group in runs.GroupBy(r => r.Method))
        {
            var times = group.SelectMany(r => r.SecondsToOnline).Order().ToList();
            Console.WriteLine($"{group.Key,-14} {Pct(times, 50),8:0.00} {Pct(times, 99),8:0.00} {times.DefaultIfEmpty().Max(),8:0.00} " +
                              $"{group.Average(r => r.AllOnlineSeconds),8:0.00} {group.Sum(r => r.Failures),5} " +
                              $"{group.Average(r => r.ControlPlaneCpuSeconds),9:0.00} {group.Average(r => r.HostSideCpuSeconds),11:0.00}");
        }
        Console.WriteLine("phases, p50 / max seconds per host (from the hypervisors' history):");
        foreach (var group in runs.GroupBy(r => r.Method))
        {
            var phases = group.SelectMany(r => r.PhaseSeconds).GroupBy(p => p.Key)
                .Select(p => (p.Key, Times: p.SelectMany(x => x.Value).Order().ToList()))
                .Select(p => $"{p.Key} {Pct(p.Times, 50):0.00}/{p.Times.DefaultIfEmpty().Max():0.00}");
            Console.WriteLine($"  {group.Key,-12} {string.Join(", ", phases)}");
        }
        var agent = runs.Where(r => r.Method == "agent").ToList();
        var admin = runs.Where(r => r.Method != "agent").ToList();
        if (agent.Count > 0 && admin.Count > 0)
        {
            var all = agent.Average(r => r.AllOnlineSeconds);
            Console.WriteLine($"agent/admin, all Online: {all / admin.Average(r => r.AllOnlineSeconds):0.00}x; " +
                              $"target: all {hosts} Online in <= 10 s: {(all <= 10 && agent.Sum(r => r.Failures) == 0 ? "met" : "not met")} ({all:0.00} s, {agent.Sum(r => r.Failures)} failures)");
        }
    }

    private static double Pct(List<double> sorted, int p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
