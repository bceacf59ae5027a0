using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hyperfleet.Bench;

/// <summary>
/// No false alarm and cost (engine issue): N healthy testbed hosts watched for M minutes must produce zero
/// Error transitions; the control plane's CPU and memory with N hosts are measured against the same process
/// idle with none, side by side in one run, and divided per host.
/// </summary>
public sealed class SoakBenchmark(Testbed testbed, int hosts, TimeSpan duration)
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);

    public async Task RunAsync()
    {
        await testbed.RunAsync("up", hosts.ToString(CultureInfo.InvariantCulture));
        var password = await testbed.RunAsync("password");
        await using var plane = await ControlPlane.StartAsync("hyperfleet", new Dictionary<string, string?>());
        var idle = await SampleAsync(IdleWindow);

        var ids = Enumerable.Range(1, hosts).Select(i => $"hv{i}").ToList();
        foreach (var id in ids)
        {
            var ip = await testbed.RunAsync("ip", id);
            await plane.PostAsync("/api/v1/ssh-keys/install", new { host = ip, port = 2022, user = "root", password });
            await plane.PostAsync("/api/v1/hypervisors", new { id, hostname = ip });
            await plane.PostAsync($"/api/v1/hypervisors/{id}/enable", null);
        }
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await Task.WhenAll(ids.Select(plane.StatusAsync));
            if (statuses.All(s => s == "Online"))
            {
                break;
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("not all Online: " + string.Join(", ", ids.Zip(statuses).Where(p => p.Second != "Online")));
            }
            await Task.Delay(500);
        }
        Console.Error.WriteLine($"{hosts} hosts Online after {clock.Elapsed.TotalSeconds:0.0} s; soaking {duration.TotalMinutes:0.#} min");
        var loaded = await SampleAsync(duration);

        var errors = 0;
        foreach (var id in ids)
        {
            var events = JsonDocument.Parse(await plane.Http.GetStringAsync($"/api/v1/hypervisors/{id}/events?limit=1000")).RootElement;
            errors += events.EnumerateArray().Count(e => e.GetProperty("to_status").GetString() == "Error");
        }
        Console.WriteLine();
        Console.WriteLine($"Soak and cost on the testbed: {hosts} healthy hosts for {duration.TotalMinutes:0.#} min (baseline: the same control plane idle, no hosts, {IdleWindow.TotalSeconds:0} s)");
        Console.WriteLine($"{"",-22} {"idle",12} {hosts + " hosts",12} {"per host",12}");
        Console.WriteLine($"{"CPU (% of one core)",-22} {idle.CpuPercent,12:0.00} {loaded.CpuPercent,12:0.00} {(loaded.CpuPercent - idle.CpuPercent) / hosts,12:0.000}");
        Console.WriteLine($"{"working set (MiB)",-22} {idle.WorkingSetMib,12:0.0} {loaded.WorkingSetMib,12:0.0} {(loaded.WorkingSetMib - idle.WorkingSetMib) / hosts,12:0.00}");
        Console.WriteLine($"{"managed heap (MiB)",-22} {idle.HeapMib,12:0.0} {loaded.HeapMib,12:0.0} {(loaded.HeapMib - idle.HeapMib) / hosts,12:0.00}");
        Console.WriteLine($"{"threads",-22} {idle.Threads,12} {loaded.Threads,12} {(loaded.Threads - idle.Threads) / (double)hosts,12:0.00}");
        Console.WriteLine($"Error transitions during the soak: {errors} (target 0)");
    }

    private static async Task<Usage> SampleAsync(TimeSpan window)
    {
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / clock.Elapsed.TotalMilliseconds * 100;
        return new Usage(cpu, self.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0, self.Threads.Count);
    }

    private sealed record Usage(double CpuPercent, double WorkingSetMib, double HeapMib, int Threads);
}
