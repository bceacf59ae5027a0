using System.Diagnostics;
using System.Globalization;

namespace Hyperfleet.Bench.Overlay;

/// <summary>
/// <c>hyperfleet agent</c> in each testbed host (as under systemd, through <c>testbed exec</c>) with a config file of its
/// own and its tunneling mode; all join with one enrollment token.
/// </summary>
public sealed class OverlayAgents(Testbed testbed, string work)
{
    private readonly Dictionary<string, Process> scripts = new(StringComparer.Ordinal);
    private int failures;

    /// <summary>Lines the agents logged as failures (<c>fail:</c>), echoed on stderr as they come.</summary>
    public int Failures => failures;

    public async Task StartAsync(ControlPlane plane, IReadOnlyList<(string Host, string Mode)> plan)
    {
        var https = plane.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        var token = await plane.PostAsync("/api/v1/enrollment-tokens", new { uses = plan.Count, description = "overlay benchmark" });
        var stateDir = Path.GetDirectoryName(await testbed.RunAsync("key"))!;
        foreach (var (host, mode) in plan)
        {
            var config = Path.Combine(work, host + ".cfg");
            File.WriteAllLines(config, [
                $"HYPERFLEET_URL={https}",
                $"HYPERFLEET_ENROLLMENT_TOKEN={token.GetProperty("token").GetString()}",
                $"HYPERFLEET_CA_PIN={token.GetProperty("ca_pin").GetString()}",
                $"HYPER_SSH_HOST_KEY={Path.Combine(stateDir, "hostkeys", host, "ssh_host_ed25519_key.pub")}",
                $"HYPERFLEET_AGENT_DATA={Path.Combine(work, host)}",
                "FLAVOUR=hypervisor-standalone",
                $"VPN_TUNNELING_MODE={mode}",
            ]);
            scripts[host] = Start(host, config);
        }
    }

    /// <summary>The agent's pid: the child of <c>testbed exec</c> (nsenter execs it).</summary>
    public IReadOnlyDictionary<string, int> AgentPids() =>
        scripts.Select(s => (s.Key, Pids: Netns.Children(s.Value.Id))).Where(s => s.Pids.Count > 0)
            .ToDictionary(s => s.Key, s => s.Pids[0], StringComparer.Ordinal);

    /// <summary>SIGTERM to each agent (as systemd stops it), then up to 30 s for all to exit; what is left is killed.</summary>
    public async Task StopAsync()
    {
        foreach (var pid in AgentPids().Values)
        {
            await Netns.RunProcessAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Task.WhenAll(scripts.Values.Select(s => s.WaitForExitAsync(limit.Token)));
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("agents did not stop within 30 s of SIGTERM: killed");
        }
        foreach (var script in scripts.Values)
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }
            script.Dispose();
        }
        scripts.Clear();
    }

    private Process Start(string host, string config)
    {
        var info = new ProcessStartInfo(testbed.Script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", host, "--", "dotnet", Path.Combine(AppContext.BaseDirectory, "hyperfleet.dll"), "agent", "--config", config })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var message = false; // the console logger writes the message on the line after "fail: Category[id]"
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("fail:", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"{host}: {e.Data}");
                message = true;
            }
            else if (message)
            {
                Console.Error.WriteLine($"{host}: {e.Data}");
                message = false;
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
