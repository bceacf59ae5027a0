using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hyperfleet.Bench.Overlay;

/// <summary>
/// Issue "overlay": iperf3 between two hosts' overlay ports against the same hosts' underlay, both modes, in the same run;
/// the time from a killed tunnel to disconnected and to repaired (targets: detection ≤ 1 s with BFD, repair ≤ 5 s); and
/// what keeping four tunnels up costs the control plane (its VPN node reconciles every 250 ms), the agents and the daemons.
/// hv1 and hv2 join in <c>wireguard+geneve</c>, hv3 and hv4 in <c>geneve</c>, through the testbed's VPN node host.
/// </summary>
public sealed class OverlayBenchmark(Testbed testbed, int seconds, int trials)
{
    private const string Bridge = "10.203.0.1";
    private const string VpnHost = "10.203.0.2";
    private static readonly (string Host, string Mode)[] Plan =
        [("hv1", "wireguard+geneve"), ("hv2", "wireguard+geneve"), ("hv3", "geneve"), ("hv4", "geneve")];
    private static readonly string[] Hosts = FaultTrials.Hosts;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public async Task RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("hyperfleet-bench-overlay-").FullName;
        var agents = new OverlayAgents(testbed, work);
        ControlPlane? plane = null;
        try
        {
            await testbed.RunAsync("up", "4");
            foreach (var h in Hosts.Append("vpn"))
            {
                await testbed.RunAsync("reset-net", h); // a clean start: no overlay left by an earlier run
            }
            var machine = await OverlayReport.MachineAsync(testbed);
            Console.Error.WriteLine("underlay before the overlay (plain veth)");
            var plain = new List<Iperf.Result>
            {
                await Iperf.RunAsync("underlay hv1→hv2, plain veth (before the overlay)", "hv1", "hv2", "10.203.0.12", seconds),
                await Iperf.RunAsync("underlay hv3→hv4, plain veth (before the overlay)", "hv3", "hv4", "10.203.0.14", seconds),
            };

            plane = await ControlPlane.StartAsync("overlay", new Dictionary<string, string?>
            {
                ["urls"] = $"http://127.0.0.1:0;https://{Bridge}:0",
                ["Hyperfleet:Tls:Hostnames:0"] = Bridge,
                ["Hyperfleet:Roles"] = "api,engine,vpn",
                ["Hyperfleet:Vpn:Host"] = VpnHost,
                ["Hyperfleet:Vpn:Namespace"] = SteadyCpu.NodeNamespace,
                ["Hyperfleet:Vpn:RunDirectory"] = Path.Combine(work, "vpn"),
            });
            await Task.Delay(TimeSpan.FromSeconds(20)); // the VPN node starts its daemons; start-up work (JIT, first ticks) is done
            Console.Error.WriteLine("control plane up, no tunnels: 15 s of CPU");
            var idle = await SteadyCpu.MeasureAsync(() => new Dictionary<string, int>(), Hosts, TimeSpan.FromSeconds(15));

            var watch = new TunnelWatch(plane);
            var clock = Stopwatch.StartNew();
            await agents.StartAsync(plane, Plan);
            if (!await watch.AllConnectedAsync(Hosts, Deadline))
            {
                throw new InvalidOperationException("the four tunnels did not all connect within 3 minutes");
            }
            var connected = clock.Elapsed.TotalSeconds;
            await WaitOnlineAsync(plane);
            Console.Error.WriteLine($"four tunnels connected {connected:0.0} s after the agents started; all Online at {clock.Elapsed.TotalSeconds:0.0} s");
            var mtu = await MtuAsync(plane);
            foreach (var h in Hosts)
            {
                await OverlayPortAsync(h, mtu);
            }
            foreach (var (from, to) in new[] { ("hv1", "hv2"), ("hv3", "hv4"), ("hv1", "hv3"), ("hv2", "hv4") })
            {
                await PingAsync(from, to, mtu);
            }

            Console.Error.WriteLine("throughput");
            var throughput = new List<Iperf.Result>
            {
                await Iperf.RunAsync("underlay hv1→hv2 (wg hosts: eth0)", "hv1", "hv2", "10.203.0.12", seconds),
                await Iperf.RunAsync("overlay  hv1→hv2 (wireguard+geneve)", "hv1", "hv2", FaultTrials.OverlayAddress("hv2"), seconds),
                await Iperf.RunAsync("overlay  hv3→hv4 (geneve)", "hv3", "hv4", FaultTrials.OverlayAddress("hv4"), seconds),
                await Iperf.RunAsync("underlay hv3→hv4 (geneve hosts: br-phy)", "hv3", "hv4", "10.203.0.14", seconds),
                await Iperf.RunAsync("underlay hv1→hv3", "hv1", "hv3", "10.203.0.13", seconds),
                await Iperf.RunAsync("overlay  hv1→hv3 (cross-mode)", "hv1", "hv3", FaultTrials.OverlayAddress("hv3"), seconds),
            };

            var faults = new FaultTrials(testbed, plane, watch);
            var cuts = new List<FaultTrials.Cut>();
            var hostKills = new List<FaultTrials.Kill>();
            var nodeKills = new List<FaultTrials.Kill>();
            for (var i = 1; i <= trials; i++)
            {
                cuts.Add(await faults.CutAsync("hv2"));
                Console.Error.WriteLine($"cut {i}: disconnected at {cuts[^1].DownAt:0.00} s (command {cuts[^1].CommandSeconds:0.00} s), connected {cuts[^1].UpAt:0.00} s after restore");
            }
            for (var i = 1; i <= trials; i++)
            {
                hostKills.Add(await faults.KillAsync("hv1", "hfwg0", ["hv1"], "hv1"));
                Console.Error.WriteLine($"kill hv1 wireguard-go {i}: {Describe(hostKills[^1])}");
            }
            for (var i = 1; i <= trials; i++)
            {
                nodeKills.Add(await faults.KillAsync(SteadyCpu.NodeNamespace, "hypers", ["hv1", "hv2"], null));
                Console.Error.WriteLine($"kill node wireguard-go {i}: {Describe(nodeKills[^1])}");
            }

            if (!await watch.AllConnectedAsync(Hosts, TimeSpan.FromSeconds(60)))
            {
                Console.Error.WriteLine("not all tunnels connected before the steady state");
            }
            await Task.Delay(TimeSpan.FromSeconds(3));
            Console.Error.WriteLine("steady state: 30 s of CPU");
            var steady = await SteadyCpu.MeasureAsync(agents.AgentPids, Hosts, TimeSpan.FromSeconds(30));
            var stillConnected = (await watch.SnapshotAsync()).Count(s => s.Value.Status == "connected");

            OverlayReport.Print(new OverlayReport.Data(machine, seconds, trials, mtu, connected, plain, throughput, cuts, hostKills, nodeKills,
                idle, steady, stillConnected, agents.Failures));
        }
        finally
        {
            await agents.StopAsync();
            if (plane is not null)
            {
                await plane.DisposeAsync();
            }
            foreach (var h in Hosts.Append("vpn"))
            {
                await TryAsync("reset-net", h);
            }
            await TryAsync("down");
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Describe(FaultTrials.Kill k) => string.Join("; ", k.Hosts.Select(h =>
        $"{h.Key} {(h.Value.DownAt is { } d ? $"down at {d:0.00} s ({h.Value.Reason}: {h.Value.Detail}), connected at {h.Value.UpAgainAt:0.00} s" : "never seen down")}, " +
        $"ping back at {h.Value.Data?.BackAfterSeconds:0.00} s (gap {h.Value.Data?.GapSeconds:0.00} s)"))
        + (k.RepairsSeenAt is { } r ? $"; repairs +{k.RepairsAdded} seen at {r:0.0} s" : "")
        + (k.Collateral.Count > 0 ? $"; also seen down: {string.Join(',', k.Collateral)}" : "");

    private async Task TryAsync(params string[] args)
    {
        try
        {
            await testbed.RunAsync(args);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
        }
    }

    private static async Task WaitOnlineAsync(ControlPlane plane)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            var statuses = await Task.WhenAll(Hosts.Select(plane.StatusAsync));
            if (statuses.All(s => s == "Online"))
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("not all four hosts Online within 3 minutes");
    }

    /// <summary>The overlay's MTU: one L2 network for all, so the smallest guest MTU of its hosts (a WireGuard host's).</summary>
    private static async Task<int> MtuAsync(ControlPlane plane)
    {
        var list = JsonDocument.Parse(await plane.Http.GetStringAsync("/api/v1/hypervisors")).RootElement;
        return list.EnumerateArray().Where(h => Hosts.Contains(h.GetProperty("id").GetString())).Min(h => h.GetProperty("guest_mtu").GetInt32());
    }

    /// <summary>An OVS internal port <c>t0</c> on the host's overlay bridge, as a desktop's NIC: the overlay's address and MTU.</summary>
    private async Task OverlayPortAsync(string host, int mtu)
    {
        await testbed.RunAsync("exec", host, "ovs-vsctl", "--", "--may-exist", "add-port", "ovsbr0", "t0", "--", "set", "interface", "t0", "type=internal");
        var clock = Stopwatch.StartNew();
        while ((await Netns.TryRunAsync(host, "ip", "link", "show", "t0")).Code != 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"{host}: port t0 did not appear");
            }
            await Task.Delay(100);
        }
        await Netns.RunAsync(host, "ip", "addr", "replace", FaultTrials.OverlayAddress(host) + "/24", "dev", "t0");
        await Netns.RunAsync(host, "ip", "link", "set", "t0", "mtu", mtu.ToString(CultureInfo.InvariantCulture), "up");
    }

    /// <summary>A full-size ping with DF until it passes (BFD and MAC learning need a moment).</summary>
    private static async Task PingAsync(string from, string to, int mtu)
    {
        var clock = Stopwatch.StartNew();
        var payload = (mtu - 28).ToString(CultureInfo.InvariantCulture);
        while ((await Netns.TryRunAsync(from, "ping", "-c", "1", "-W", "1", "-M", "do", "-s", payload, FaultTrials.OverlayAddress(to))).Code != 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"{from} does not reach {to} over the overlay with {mtu}-byte packets");
            }
        }
    }
}
