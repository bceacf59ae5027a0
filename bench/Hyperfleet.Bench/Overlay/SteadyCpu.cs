using System.Diagnostics;
using System.Globalization;

namespace Hyperfleet.Bench.Overlay;

/// <summary>
/// Who spends the CPU while the overlay only keeps itself up: this process (the control plane: api, engine, VPN node),
/// the commands it runs and waits for, the VPN node's daemons, the agents and their commands, the hosts' daemons.
/// </summary>
public static class SteadyCpu
{
    public const string NodeNamespace = "hfvpn";
    private static readonly string[] Daemons = ["wireguard-go", "ovs-vswitchd", "ovsdb-server"];

    /// <summary>CPU seconds per second over <see cref="Seconds"/>, per part.</summary>
    public sealed record Share(double Seconds, double PlaneOwn, double PlaneCommands, double NodeDaemons, double AgentsOwn, double AgentsCommands,
        double HostDaemons, IReadOnlyDictionary<string, double> ByDaemon, double PidsPerSecond);

    private sealed record Sample(double Own, double Commands, Dictionary<int, (double Own, double Children)> Agents,
        Dictionary<(string Ns, string Comm, int Pid), double> Daemons, long LastPid);

    public static async Task<Share> MeasureAsync(Func<IReadOnlyDictionary<string, int>> agents, IReadOnlyList<string> hosts, TimeSpan span)
    {
        var before = await SampleAsync(agents(), hosts);
        var clock = Stopwatch.StartNew();
        await Task.Delay(span);
        var after = await SampleAsync(agents(), hosts);
        var s = clock.Elapsed.TotalSeconds;
        double Delta(Func<(double Own, double Children), double> part) =>
            after.Agents.Sum(a => part(a.Value) - (before.Agents.TryGetValue(a.Key, out var b) ? part(b) : 0));
        var daemons = after.Daemons.Select(d => (d.Key, Used: d.Value - before.Daemons.GetValueOrDefault(d.Key))).ToList();
        var byDaemon = daemons.GroupBy(d => (d.Key.Ns == NodeNamespace ? "node " : "hosts ") + d.Key.Comm)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Used) / s, StringComparer.Ordinal);
        var pids = after.LastPid - before.LastPid;
        return new Share(s, (after.Own - before.Own) / s, (after.Commands - before.Commands) / s,
            daemons.Where(d => d.Key.Ns == NodeNamespace).Sum(d => d.Used) / s,
            Delta(a => a.Own) / s, Delta(a => a.Children) / s,
            daemons.Where(d => d.Key.Ns != NodeNamespace).Sum(d => d.Used) / s,
            byDaemon, pids >= 0 ? pids / s : double.NaN);
    }

    private static async Task<Sample> SampleAsync(IReadOnlyDictionary<string, int> agents, IReadOnlyList<string> hosts)
    {
        using var self = Process.GetCurrentProcess();
        var own = self.TotalProcessorTime.TotalSeconds;
        var commands = Netns.Cpu(Environment.ProcessId)?.Children ?? 0;
        var agentCpu = new Dictionary<int, (double, double)>();
        foreach (var pid in agents.Values)
        {
            if (Netns.Cpu(pid) is { } cpu)
            {
                agentCpu[pid] = cpu;
            }
        }
        var daemons = new Dictionary<(string, string, int), double>();
        foreach (var ns in hosts.Append(NodeNamespace))
        {
            foreach (var (pid, comm) in await Netns.ProcessesAsync(ns))
            {
                if (Daemons.Contains(comm) && Netns.Cpu(pid) is { } cpu)
                {
                    daemons[(ns, comm, pid)] = cpu.Own;
                }
            }
        }
        // The last pid handed out (processes and threads), machine-wide: how many were made meanwhile.
        var lastPid = long.Parse((Netns.Read("/proc/loadavg") ?? "0").Trim().Split(' ')[^1], CultureInfo.InvariantCulture);
        return new Sample(own, commands, agentCpu, daemons, lastPid);
    }
}
