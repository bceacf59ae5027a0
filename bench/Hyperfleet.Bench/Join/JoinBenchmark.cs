using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hyperfleet.Bench.Join;

/// <summary>
/// Issue "agent": N testbed hosts join at once with <c>hyperfleet agent</c> and one enrollment token, against the same hosts
/// added by an admin over the SSH path (add-ssh-key with the root password, add, enable), N at once, in the same run; a
/// fresh control plane for each, alternating which goes first. Reports seconds from start to Online per host (p50, p99,
/// max), all Online, failures, the phases (from the hypervisors' history) and the CPU seconds of the control plane and of
/// the host side (the agents, or nothing for the admin path whose work runs in the control plane).
/// </summary>
public sealed class JoinBenchmark(Testbed testbed, int hosts, int rounds, string? agentBuild)
{
    private const string Bridge = "10.203.0.1";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public async Task RunAsync()
    {
        await testbed.RunAsync("up", hosts.ToString(CultureInfo.InvariantCulture));
        var ids = Enumerable.Range(1, hosts).Select(i => $"hv{i}").ToList();
        var password = await testbed.RunAsync("password");
        // libvirt probes QEMU's capabilities at its first use on a host, once (cached on disk): a real host that runs
        // libvirtd has done it. Done here for every host, outside both measurements.
        var warm = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(id => testbed.RunAsync("exec", id, "virsh", "-q", "-c", "qemu:///system", "domcapabilities")));
        Console.Error.WriteLine($"libvirt's first-use QEMU probe on {hosts} hosts: {warm.Elapsed.TotalSeconds:0.0} s (not counted)");

        var runs = new List<JoinRun>();
        for (var round = 1; round <= rounds; round++)
        {
            var order = round % 2 == 1 ? new[] { "admin", "agent" } : ["agent", "admin"];
            foreach (var method in order)
            {
                var run = method == "agent" ? await AgentRunAsync(ids) : await AdminRunAsync(ids, password);
                Console.Error.WriteLine($"round {round} {method}: all Online in {run.AllOnlineSeconds:0.00} s, {run.Failures} failures, control plane {run.ControlPlaneCpuSeconds:0.00} CPU-s, agents {run.HostSideCpuSeconds:0.00} CPU-s");
                runs.Add(run);
                await Task.Delay(TimeSpan.FromSeconds(3)); // the hosts settle (processes gone, sshd idle) before the next run
            }
        }
        JoinReport.Print(hosts, rounds, AgentDll, runs);
    }

    private static async Task<ControlPlane> PlaneAsync(string name) =>
        await ControlPlane.StartAsync(name, new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:0;https://{Bridge}:0",
            ["Hyperfleet:Tls:Hostnames:0"] = Bridge,
            ["Hyperfleet:Roles"] = "api,engine",
        });

    private async Task<JoinRun> AdminRunAsync(List<string> ids, string password)
    {
        await using var plane = await PlaneAsync("admin");
        var addresses = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            addresses[id] = await testbed.RunAsync("ip", id);
        }
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var failures = 0;
        var admin = Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await plane.PostAsync("/api/v1/ssh-keys/install", new { host = addresses[id], port = 2022, user = "root", password });
                await plane.PostAsync("/api/v1/hypervisors", new { id, hostname = addresses[id] });
                await plane.PostAsync($"/api/v1/hypervisors/{id}/enable", null);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                Interlocked.Increment(ref failures);
            }
        }));
        var online = await WaitOnlineAsync(plane, ids, clock);
        await admin;
        var cpuUsed = CpuSeconds() - cpu;
        var phases = await PhasesAsync(plane, ids, started, ("enable", "enabled"), ("connect", "Online"));
        await ForceDeleteAsync(plane, ids);
        return new JoinRun("admin (SSH)", online.Values.ToList(), failures + ids.Count - online.Count, online.Values.DefaultIfEmpty().Max(),
            cpuUsed, 0, phases);
    }

    private async Task<JoinRun> AgentRunAsync(List<string> ids)
    {
        await using var plane = await PlaneAsync("agent");
        var https = plane.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        var token = await plane.PostAsync("/api/v1/enrollment-tokens", new { uses = ids.Count, description = "join benchmark" });
        var work = Directory.CreateTempSubdirectory("hyperfleet-bench-join-").FullName;
        var stateDir = Path.GetDirectoryName(await testbed.RunAsync("key"))!;
        var agents = new List<Process>();
        try
        {
            var configs = ids.ToDictionary(id => id, id =>
            {
                var config = Path.Combine(work, id + ".cfg");
                File.WriteAllLines(config, [
                    $"HYPERFLEET_URL={https}",
                    $"HYPERFLEET_ENROLLMENT_TOKEN={token.GetProperty("token").GetString()}",
                    $"HYPERFLEET_CA_PIN={token.GetProperty("ca_pin").GetString()}",
                    $"HYPER_SSH_HOST_KEY={Path.Combine(stateDir, "hostkeys", id, "ssh_host_ed25519_key.pub")}",
                    $"HYPERFLEET_AGENT_DATA={Path.Combine(work, id)}",
                    "FLAVOUR=hypervisor-standalone",
                ]);
                return config;
            });
            var cpu = CpuSeconds();
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            foreach (var id in ids)
            {
                agents.Add(StartAgent(id, configs[id]));
            }
            var online = await WaitOnlineAsync(plane, ids, clock);
            var cpuUsed = CpuSeconds() - cpu;
            var hostCpu = agents.Sum(AgentCpuSeconds);
            var phases = await PhasesAsync(plane, ids, started, ("register", "registered"), ("checks", "enabled"), ("connect", "Online"));
            await StopAgentsAsync(agents);
            await ForceDeleteAsync(plane, ids);
            return new JoinRun("agent", online.Values.ToList(), ids.Count - online.Count, online.Values.DefaultIfEmpty().Max(), cpuUsed, hostCpu, phases);
        }
        finally
        {
            foreach (var agent in agents.Where(a => !a.HasExited))
            {
                agent.Kill(entireProcessTree: true);
            }
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The agent's build: this benchmark's copy, or <c>--agent-build DIR</c> (e.g. a ReadyToRun publish, as deployed).</summary>
    private string AgentDll => Path.Combine(agentBuild ?? AppContext.BaseDirectory, "hyperfleet.dll");

    private Process StartAgent(string id, string config)
    {
        var info = new ProcessStartInfo(testbed.Script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", id, "--", "dotnet", AgentDll, "agent", "--config", config })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("fail:", StringComparison.Ordinal) == true) { Console.Error.WriteLine($"{id}: {e.Data}"); } };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Seconds from the start until each host was first seen Online (polled every 100 ms).</summary>
    private static async Task<Dictionary<string, double>> WaitOnlineAsync(ControlPlane plane, List<string> ids, Stopwatch clock)
    {
        var online = new Dictionary<string, double>();
        while (online.Count < ids.Count && clock.Elapsed < Deadline)
        {
            var list = JsonDocument.Parse(await plane.Http.GetStringAsync("/api/v1/hypervisors")).RootElement;
            foreach (var h in list.EnumerateArray())
            {
                var id = h.GetProperty("id").GetString()!;
                if (h.GetProperty("status").GetString() == "Online")
                {
                    online.TryAdd(id, clock.Elapsed.TotalSeconds);
                }
            }
            await Task.Delay(100);
        }
        return online;
    }

    /// <summary>
    /// Per phase, seconds from the previous milestone to this one for each host, from the hypervisors' history: a milestone
    /// is an event kind, or a status reached (<c>Online</c>).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<double>>> PhasesAsync(ControlPlane plane, IReadOnlyList<string> ids,
        DateTimeOffset started, params (string Phase, string Milestone)[] milestones)
    {
        var phases = milestones.ToDictionary(m => m.Phase, _ => new List<double>());
        foreach (var id in ids)
        {
            var events = JsonDocument.Parse(await plane.Http.GetStringAsync($"/api/v1/hypervisors/{id}/events?limit=100")).RootElement
                .EnumerateArray().Reverse().ToList();
            var previous = started;
            foreach (var (phase, milestone) in milestones)
            {
                var hit = events.FirstOrDefault(e => e.GetProperty("kind").GetString() == milestone || e.GetProperty("to_status").GetString() == milestone);
                if (hit.ValueKind == JsonValueKind.Undefined)
                {
                    break;
                }
                var at = hit.GetProperty("time").GetDateTimeOffset();
                phases[phase].Add(Math.Max(0, (at - previous).TotalSeconds));
                previous = at;
            }
        }
        return phases.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value);
    }

    private static async Task StopAgentsAsync(List<Process> agents)
    {
        foreach (var agent in agents)
        {
            // testbed exec's child is the agent itself (nsenter execs it): SIGTERM it as systemd would.
            using var kill = Process.Start("pkill", ["-TERM", "-P", agent.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(agents.Select(a => a.WaitForExitAsync(limit.Token)));
    }

    private static async Task ForceDeleteAsync(ControlPlane plane, IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            await plane.Http.DeleteAsync($"/api/v1/hypervisors/{id}?force=true");
        }
    }

    private static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>User + system CPU of the agent (the child of testbed exec), from /proc.</summary>
    private static double AgentCpuSeconds(Process script)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{script.Id}/task/{script.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Sum(pid =>
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // Fields 14 and 15 (utime, stime) are the 12th and 13th after the command name, in clock ticks (100 Hz).
                return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
            });
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
