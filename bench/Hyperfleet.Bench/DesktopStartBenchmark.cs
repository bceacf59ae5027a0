using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hyperfleet.Bench;

/// <summary>
/// Desktop starts (desktops issue), side by side in one run on the testbed: one pure-disk host and three pure
/// hypervisors. "One start": API call → libvirt reports running, against <c>virsh create</c> of the same domain
/// XML run on the same host. "Boot storm": N desktops started at once through the API across the three hosts,
/// against N parallel <c>virsh create</c>s of the same XMLs on the same hosts. API and raw runs alternate, and each
/// starts on idle hosts (no domain left, then <see cref="Settle"/>), so neither pays for the other's teardown.
/// </summary>
public sealed partial class DesktopStartBenchmark(Testbed testbed, int trials, int stormSize, int rounds)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static readonly string[] DesktopHosts = ["hv2", "hv3", "hv4"];
    private static readonly string[] AllHosts = ["hv1", .. DesktopHosts];

    public async Task RunAsync()
    {
        // Fresh hosts: domains left by an interrupted run would be adopted by this run's desktops of the same names.
        await testbed.RunAsync("down");
        await testbed.RunAsync("up", "4");
        var password = await testbed.RunAsync("password");
        await using var plane = await ControlPlane.StartAsync("hyperfleet", new Dictionary<string, string?>
        {
            ["Hyperfleet:Engine:StatsInterval"] = "00:00:02",
        });
        foreach (var (id, disk) in new[] { ("hv1", true), ("hv2", false), ("hv3", false), ("hv4", false) })
        {
            var ip = await testbed.RunAsync("ip", id);
            await plane.PostAsync("/api/v1/ssh-keys/install", new { host = ip, port = 2022, user = "root", password });
            await plane.PostAsync("/api/v1/hypervisors", new { id, hostname = ip, capabilities = new { hypervisor = !disk, disk_operations = disk } });
            await plane.PostAsync($"/api/v1/hypervisors/{id}/enable", null);
        }
        await WaitAsync(async () => (await Task.WhenAll(AllHosts.Select(plane.StatusAsync))).All(s => s == "Online"),
            TimeSpan.FromSeconds(60), "hypervisors Online");

        await plane.PostAsync("/api/v1/templates", new { id = "bench-base", pool = "default", size_gib = 1, memory_mib = 128, vcpus = 1 });
        await WaitAsync(async () => await FieldAsync(plane, "/api/v1/templates/bench-base", "status") == "Ready", TimeSpan.FromSeconds(60), "base Ready");
        await plane.PostAsync("/api/v1/templates", new { id = "bench-tpl", parent = "bench-base" });
        await WaitAsync(async () => await FieldAsync(plane, "/api/v1/templates/bench-tpl", "status") == "Ready", TimeSpan.FromSeconds(60), "template Ready");
        var ids = Enumerable.Range(1, stormSize).Select(i => $"bench-d{i:00}").ToList();
        foreach (var id in ids)
        {
            await plane.PostAsync("/api/v1/desktops", new { id, template = "bench-tpl", memory_mib = 128, vcpus = 1 });
        }
        await WaitAsync(async () => (await StatusesAsync(plane)).Count(kv => kv.Value == "Stopped") == ids.Count, TimeSpan.FromMinutes(3), "desktops created");
        Console.Error.WriteLine($"{ids.Count} desktops created (disks on hv1); measuring");

        // One start, trials alternating API / raw on the host the API chose.
        List<double> apiOne = [], rawOne = [];
        var one = ids[0];
        for (var t = 0; t < trials; t++)
        {
            var clock = Stopwatch.StartNew();
            await plane.PostAsync($"/api/v1/desktops/{one}/start", null);
            await WaitAsync(async () => await FieldAsync(plane, $"/api/v1/desktops/{one}", "status") == "Started", TimeSpan.FromSeconds(60), "started");
            apiOne.Add(clock.Elapsed.TotalSeconds);
            var host = await FieldAsync(plane, $"/api/v1/desktops/{one}", "hypervisor");
            var xml = await RawXmlAsync(host!, one);
            await StopAllAsync(plane, [one]);
            rawOne.Add(await RawCreateAsync(host!, one, xml));
            await RawDestroyAsync(host!, one);
            Console.Error.WriteLine($"one start trial {t + 1}: api {apiOne[^1]:0.000} s, virsh create {rawOne[^1]:0.000} s on {host}");
        }

        // Boot storm, rounds of API then raw on the hosts the API chose.
        List<double> apiTotals = [], rawTotals = [], apiEach = [], rawEach = [];
        var failures = 0;
        for (var round = 0; round < rounds; round++)
        {
            await IdleAsync();
            var started = new Dictionary<string, double>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select(id => plane.PostAsync($"/api/v1/desktops/{id}/start", null)));
            while (started.Count < ids.Count && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                foreach (var (id, status) in await StatusesAsync(plane))
                {
                    if (status == "Started" && !started.ContainsKey(id) && ids.Contains(id))
                    {
                        started[id] = clock.Elapsed.TotalSeconds;
                    }
                    else if (status == "Failed" && !started.ContainsKey(id))
                    {
                        throw new InvalidOperationException($"{id} Failed during the storm: {await FieldAsync(plane, $"/api/v1/desktops/{id}", "status_detail")}");
                    }
                }
                await Task.Delay(20);
            }
            failures += ids.Count - started.Count;
            apiTotals.Add(started.Values.DefaultIfEmpty(double.NaN).Max());
            apiEach.AddRange(started.Values);
            var placed = new Dictionary<string, string>();
            var xmls = new Dictionary<string, string>();
            foreach (var id in ids)
            {
                placed[id] = (await FieldAsync(plane, $"/api/v1/desktops/{id}", "hypervisor"))!;
                xmls[id] = await RawXmlAsync(placed[id], id);
            }
            Console.Error.WriteLine($"storm round {round + 1}: api all {ids.Count} Started in {apiTotals[^1]:0.00} s; spread " +
                string.Join(", ", placed.Values.GroupBy(h => h).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
            await StopAllAsync(plane, ids);

            await IdleAsync();
            var rawClock = Stopwatch.StartNew();
            var each = await Task.WhenAll(ids.Select(async id =>
            {
                await RawCreateAsync(placed[id], id, xmls[id]);
                return rawClock.Elapsed.TotalSeconds;
            }));
            rawTotals.Add(rawClock.Elapsed.TotalSeconds);
            rawEach.AddRange(each);
            Console.Error.WriteLine($"storm round {round + 1}: {ids.Count} parallel virsh create in {rawTotals[^1]:0.00} s");
            await Task.WhenAll(ids.Select(id => RawDestroyAsync(placed[id], id)));
        }

        Console.WriteLine();
        Console.WriteLine($"Desktop starts on the testbed (1 disk host + {DesktopHosts.Length} hypervisors, TCG where no /dev/kvm; baseline = virsh create of the same XML on the same host)");
        Console.WriteLine($"{"scenario",-26} {"hyperfleet p50",15} {"p99",8} {"virsh p50",11} {"p99",8} {"ratio p50",10}");
        Row($"one start ({trials} trials)", apiOne, rawOne);
        Row($"storm total ({stormSize}, {rounds} rounds)", apiTotals, rawTotals);
        Row("storm per desktop", apiEach, rawEach);
        Console.WriteLine($"storm failures: {failures} (target 0)");
        var perRound = string.Join(", ", apiTotals.Zip(rawTotals, (a, r) => $"{a / r:0.00}x"));
        Console.WriteLine($"targets: one start <= 1.15x (measured {Pct(apiOne, 50) / Pct(rawOne, 50):0.00}x); " +
            $"storm total <= 1.25x (mean of rounds {apiTotals.Average() / rawTotals.Average():0.00}x; per round {perRound})");
    }

    private static void Row(string name, List<double> api, List<double> raw) =>
        Console.WriteLine($"{name,-26} {Pct(api, 50),13:0.000} s {Pct(api, 99),6:0.000} s {Pct(raw, 50),9:0.000} s {Pct(raw, 99),6:0.000} s {Pct(api, 50) / Pct(raw, 50),9:0.00}x");

    private static double Pct(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>Waits until no domain runs on the desktop hosts, then lets them settle.</summary>
    private async Task IdleAsync()
    {
        await WaitAsync(async () =>
        {
            foreach (var host in DesktopHosts)
            {
                if (!string.IsNullOrWhiteSpace(await testbed.RunAsync("exec", host, "virsh", "-q", "-c", "qemu:///system", "list", "--name")))
                {
                    return false;
                }
            }
            return true;
        }, TimeSpan.FromSeconds(60), "hosts idle");
        await Task.Delay(Settle);
    }

    private static async Task StopAllAsync(ControlPlane plane, IReadOnlyCollection<string> ids)
    {
        await Task.WhenAll(ids.Select(id => plane.PostAsync($"/api/v1/desktops/{id}/stop?force=true", null)));
        try
        {
            await WaitAsync(async () => (await StatusesAsync(plane)).Where(kv => ids.Contains(kv.Key)).All(kv => kv.Value == "Stopped"),
                TimeSpan.FromSeconds(60), "stopped");
        }
        catch (TimeoutException e)
        {
            var list = JsonDocument.Parse(await plane.Http.GetStringAsync("/api/v1/desktops")).RootElement;
            var stuck = list.EnumerateArray().Where(d => ids.Contains(d.GetProperty("id").GetString()!) && d.GetProperty("status").GetString() != "Stopped")
                .Select(d => $"{d.GetProperty("id")}={d.GetProperty("status")} on {d.GetProperty("hypervisor")}: {d.GetProperty("status_detail")}");
            throw new TimeoutException($"{e.Message}; not Stopped: {string.Join("; ", stuck)}", e);
        }
    }

    /// <summary>The live XML of a desktop's domain, renamed (and without its UUID) so that the raw copy is not a Hyperfleet domain.</summary>
    private async Task<string> RawXmlAsync(string host, string id)
    {
        var xml = await testbed.RunAsync("exec", host, "virsh", "-c", "qemu:///system", "dumpxml", "--inactive", "--security-info", $"hf-{id}");
        xml = DomainName().Replace(xml, $"<name>raw-{id}</name>", 1);
        return DomainUuid().Replace(xml, "", 1);
    }

    private async Task<double> RawCreateAsync(string host, string id, string xml)
    {
        var path = $"/opt/isard/volatile/raw-{id}.xml";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, xml);
        var clock = Stopwatch.StartNew();
        await testbed.RunAsync("exec", host, "virsh", "-q", "-c", "qemu:///system", "create", path);
        return clock.Elapsed.TotalSeconds;
    }

    private async Task RawDestroyAsync(string host, string id)
    {
        await testbed.RunAsync("exec", host, "virsh", "-q", "-c", "qemu:///system", "destroy", $"raw-{id}");
        File.Delete($"/opt/isard/volatile/raw-{id}.xml");
    }

    private static async Task<Dictionary<string, string>> StatusesAsync(ControlPlane plane)
    {
        var list = JsonDocument.Parse(await plane.Http.GetStringAsync("/api/v1/desktops")).RootElement;
        return list.EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString()!);
    }

    private static async Task<string?> FieldAsync(ControlPlane plane, string path, string field)
    {
        var e = JsonDocument.Parse(await plane.Http.GetStringAsync(path)).RootElement.GetProperty(field);
        return e.ValueKind == JsonValueKind.Null ? null : e.ToString();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }
            await Task.Delay(10);
        }
    }

    [GeneratedRegex("<name>[^<]*</name>")]
    private static partial Regex DomainName();

    [GeneratedRegex(@"\s*<uuid>[^<]*</uuid>")]
    private static partial Regex DomainUuid();
}
