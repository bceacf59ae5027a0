using System.Globalization;

namespace Hyperfleet.Bench.Overlay;

/// <summary>The overlay benchmark's report: throughput and ratios, detection and repair (p50, max), the CPU shares.</summary>
public static class OverlayReport
{
    public sealed record Data(string Machine, int Seconds, int Trials, int Mtu, double ConnectedSeconds, IReadOnlyList<Iperf.Result> Plain,
        IReadOnlyList<Iperf.Result> Throughput, IReadOnlyList<FaultTrials.Cut> Cuts, IReadOnlyList<FaultTrials.Kill> HostKills,
        IReadOnlyList<FaultTrials.Kill> NodeKills, SteadyCpu.Share Idle, SteadyCpu.Share Steady, int StillConnected, int AgentFailures);

    /// <summary>nproc, KVM, date, kernel, the datapath's versions, the load.</summary>
    public static async Task<string> MachineAsync(Testbed testbed)
    {
        static async Task<string> First(string file, params string[] args) =>
            (await Netns.RunProcessAsync(file, args, TimeSpan.FromSeconds(10))).Stdout.Split('\n')[0].Trim();
        return Text($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; nproc {Environment.ProcessorCount}; KVM {(await testbed.RunAsync("kvm") == "kvm" ? "yes" : "no (TCG)")}; ")
            + Text($"kernel {await First("uname", "-r")}; {await First("wireguard-go", "--version")}; {await First("ovs-vswitchd", "--version")}; ")
            + Text($"{await First("iperf3", "--version")}; load average {Load()}");
    }

    public static void Print(Data d)
    {
        Console.WriteLine();
        Console.WriteLine("Overlay: hv1, hv2 in wireguard+geneve and hv3, hv4 in geneve, star through the VPN node (hfvpn, 10.203.0.2);");
        Console.WriteLine("userspace datapaths everywhere (wireguard-go, Open vSwitch netdev): a figure to record, not to tune against");
        Console.WriteLine("machine: " + d.Machine + "; at the end " + Load());
        Console.WriteLine(Text($"four tunnels connected {d.ConnectedSeconds:0.0} s after the agents started; overlay MTU {d.Mtu} (smallest guest_mtu) on an OVS internal port t0 per host"));
        Console.WriteLine();
        Console.WriteLine(Text($"1. Throughput: iperf3 TCP, {d.Seconds} s each, one after another, same run (receiver's bits/s)"));
        Console.WriteLine(Text($"{"path",-52} {"Mbit/s",9} {"retrans",8} {"overlay/underlay",17}"));
        foreach (var r in d.Plain.Concat(d.Throughput))
        {
            Console.WriteLine(Text($"{r.Path,-52} {r.Mbits,9:N0} {r.Retransmits,8} {Ratio(r, d),17}"));
        }
        Console.WriteLine("ratios: overlay over the underlay measured with the overlay up (geneve hosts' underlay then runs through OVS's");
        Console.WriteLine("br-phy); in brackets, over the plain veth measured before the overlay");
        Console.WriteLine();

        Console.WriteLine(Text($"2. Detection and repair, {d.Trials} trials each; API polled every 50 ms, overlay ping every 20 ms (seconds from the fault)"));
        Console.WriteLine(Text($"{"measurement",-64} {"p50 s",7} {"max s",7} {"n",3}  target"));
        Row("(a) testbed cut hv2 → hv2 disconnected (from before the command)", d.Cuts.Select(c => c.DownAt), "≤ 1 s");
        Row("    the cut command's own duration", d.Cuts.Select(c => (double?)c.CommandSeconds), "");
        Row("    → disconnected, after the command returned", d.Cuts.Select(c => c.DownAt - c.CommandSeconds), "");
        Row("    testbed restore hv2 → hv2 connected", d.Cuts.Select(c => c.UpAt), "≤ 5 s");
        Row("    restore → overlay ping hv2→hv4 answered again", d.Cuts.Select(c => c.Data?.BackAfterSeconds), "");
        Console.WriteLine("    reasons: " + Reasons(d.Cuts.Select(c => c.Reason)) + Collateral(d.Cuts.SelectMany(c => c.Collateral)));
        KillRows("(b) kill -9 hv1's wireguard-go", d.HostKills);
        Console.WriteLine(Text($"    agent's repairs counter moved (heartbeat, every 5 s): {d.HostKills.Count(k => k.RepairsAdded > 0)}/{d.HostKills.Count} trials, ")
            + Text($"+{string.Join("/", d.HostKills.Select(k => k.RepairsAdded))}, seen at p50 {P(d.HostKills.Select(k => k.RepairsSeenAt), 0.5)} s"));
        KillRows("(c) kill -9 the VPN node's wireguard-go (hypers)", d.NodeKills);
        Console.WriteLine();

        var (i, s) = (d.Idle, d.Steady);
        Console.WriteLine(Text($"3. CPU while the overlay keeps itself up (CPU-s per s; no tunnels: {i.Seconds:0} s from 20 s after the"));
        Console.WriteLine(Text($"   control plane's start, before the agents; four tunnels: {s.Seconds:0} s at the end, after the faults)"));
        Console.WriteLine(Text($"{"",-64} {"no tunnels",10} {"4 tunnels",10}"));
        Cpu("control plane in process (api, engine, VPN node every 250 ms)", i.PlaneOwn, s.PlaneOwn);
        Cpu("control plane's commands (ip, ovs-vsctl, … it waited for)", i.PlaneCommands, s.PlaneCommands);
        Cpu("VPN node's daemons (wireguard-go, ovs-vswitchd, ovsdb-server)", i.NodeDaemons, s.NodeDaemons);
        Cpu("agents in process (4)", null, s.AgentsOwn);
        Cpu("agents' commands (overlay repair every 1 s)", null, s.AgentsCommands);
        Cpu("hosts' daemons (4 hosts)", null, s.HostDaemons);
        Cpu("pids made machine-wide per s (processes and threads)", i.PidsPerSecond, s.PidsPerSecond);
        Console.WriteLine("    by daemon, four tunnels: " + string.Join(", ", s.ByDaemon.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => Text($"{b.Key} {b.Value:0.000}"))));
        Console.WriteLine(Text($"    control plane per reconcile tick (4/s), in process + commands: {(s.PlaneOwn + s.PlaneCommands) / 4 * 1000:0.0} CPU-ms; ")
            + Text($"per tunnel over no tunnels: {(s.PlaneOwn + s.PlaneCommands - i.PlaneOwn - i.PlaneCommands) / 4:0.0000} CPU-s/s"));
        Console.WriteLine(Text($"    tunnels connected at the end: {d.StillConnected}/4; agents' logged failures: {d.AgentFailures}"));
    }

    private static void KillRows(string title, IReadOnlyList<FaultTrials.Kill> kills)
    {
        Console.WriteLine(title);
        foreach (var host in kills.SelectMany(k => k.Hosts.Keys).Distinct())
        {
            var o = kills.Select(k => k.Hosts[host]).ToList();
            var seen = o.Count(x => x.DownAt is not null);
            Console.WriteLine(Text($"    {host}: the VPN node saw it disconnected in {seen}/{o.Count} trials") + (seen > 0 ? " (" + Reasons(o.Select(x => x.Reason)) + ")" : ""));
            Row($"    {host} → disconnected (trials where seen)", o.Select(x => x.DownAt), "≤ 1 s");
            Row($"    {host} → connected again (trials where seen down)", o.Select(x => x.UpAgainAt), "≤ 5 s");
            Row($"    {host} → overlay ping to {FaultTrials.PartnerOf(host)} answered again (repaired)", o.Select(x => x.Data?.BackAfterSeconds), "≤ 5 s");
            Row($"    {host}   longest ping gap", o.Select(x => x.Data?.GapSeconds), "");
            Console.WriteLine(Text($"    {host}   pings lost per trial: {string.Join("/", o.Select(x => x.Data?.Lost.ToString(CultureInfo.InvariantCulture) ?? "never back"))}"));
        }
        var collateral = Collateral(kills.SelectMany(k => k.Collateral));
        if (collateral.Length > 0)
        {
            Console.WriteLine("    " + collateral[2..]);
        }
        foreach (var detail in kills.SelectMany(k => k.Hosts.Values).Where(o => o.Reason == "vpn_node_down").Select(o => o.Detail).Distinct())
        {
            Console.WriteLine("    vpn_node_down: " + detail);
        }
    }

    private static void Row(string name, IEnumerable<double?> values, string target)
    {
        var v = values.ToList();
        var n = v.Count(x => x is not null);
        Console.WriteLine(Text($"{name,-64} {P(v, 0.5),7} {P(v, 1),7} {n,3}  {target}") + (n < v.Count ? Text($" ({v.Count - n} not seen)") : ""));
    }

    private static void Cpu(string name, double? idle, double steady) =>
        Console.WriteLine(Text($"{name,-64} {(idle is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-"),10} {steady,10:0.000}"));

    private static string P(IEnumerable<double?> values, double q)
    {
        var v = values.OfType<double>().Order().ToList();
        return v.Count == 0 ? "-" : v[Math.Clamp((int)Math.Ceiling(q * v.Count) - 1, 0, v.Count - 1)].ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Ratio(Iperf.Result r, Data d)
    {
        if (!r.Path.StartsWith("overlay", StringComparison.Ordinal))
        {
            return "";
        }
        var pair = r.Path.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var under = d.Throughput.FirstOrDefault(u => u.Path.StartsWith("underlay " + pair, StringComparison.Ordinal));
        var plain = d.Plain.FirstOrDefault(u => u.Path.StartsWith("underlay " + pair, StringComparison.Ordinal));
        return (under is null ? "" : Text($"{r.Mbits / under.Mbits:0.000}")) + (plain is null ? "" : Text($" ({r.Mbits / plain.Mbits:0.000})"));
    }

    private static string Reasons(IEnumerable<string?> reasons) =>
        string.Join(", ", reasons.Where(r => r is not null).GroupBy(r => r).Select(g => Text($"{g.Key} ×{g.Count()}")));

    private static string Collateral(IEnumerable<string> hosts)
    {
        var list = hosts.ToList();
        return list.Count == 0 ? "" : "; other hosts seen disconnected meanwhile: " + string.Join(", ", list.GroupBy(h => h).Select(g => Text($"{g.Key} ×{g.Count()}")));
    }

    private static string Load() => string.Join(' ', (Netns.Read("/proc/loadavg") ?? "").Split(' ').Take(3));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
