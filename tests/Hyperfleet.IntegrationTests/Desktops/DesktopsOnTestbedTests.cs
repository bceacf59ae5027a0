using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Core.Desktops;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Desktops;

/// <summary>
/// A desktop's life on real hosts: a base disk and the desktop's overlay made by the disk worker on a pure disk host,
/// the desktop started on the pure hypervisor, its libvirtd killed (Unknown) and back (adopted, not restarted), the
/// control plane restarted (adopted again, never a second domain), then stopped and gone from libvirt.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class DesktopsOnTestbedTests(TestbedFixture testbed, DesktopsServerFixture server, ITestOutputHelper output)
    : IClassFixture<DesktopsServerFixture>
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);

    private async Task<T> WaitForAsync<T>(HttpClient admin, string path, Func<T, bool> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            var response = await admin.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var value = JsonSerializer.Deserialize<T>(last, Hyperfleet.Server.Api.Json.ApiJson.Options)!;
                if (condition(value))
                {
                    output.WriteLine($"{path}: {because} after {clock.Elapsed.TotalSeconds:0.0} s");
                    return value;
                }
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{path}: not {because} within {timeout.TotalSeconds} s; last: {last}");
        throw new InvalidOperationException();
    }

    private async Task<List<string>> RunningDomainsAsync(string host) =>
        [.. (await testbed.VirshAsync(host, "list", "--name")).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [Fact]
    public async Task Desktop_CreateStartLoseHostRestartServeStop_OneDomainAndTrueStatusThroughout()
    {
        using var admin = server.Admin();
        foreach (var host in new[] { "hv1", "hv2" })
        {
            var install = await admin.PostJsonAsync("/api/v1/ssh-keys/install",
                new { host = testbed.Ip(host), port = TestbedFixture.SshPort, user = "root", password = testbed.Password });
            Assert.True(install.IsSuccessStatusCode, await install.Content.ReadAsStringAsync());
        }
        await admin.AddAsync("hv1", testbed.Ip("hv1"), ""","capabilities":{"hypervisor":true,"disk_operations":false}""");
        await admin.AddAsync("hv2", testbed.Ip("hv2"), ""","capabilities":{"hypervisor":false,"disk_operations":true}""");
        foreach (var id in new[] { "hv1", "hv2" })
        {
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        }
        await WaitForAsync<HypervisorResponse>(admin, "/api/v1/hypervisors/hv1", h => h.Status == HypervisorStatus.Online && h.Stats.MemoryFreeMib > 0, Slow, "Online and sampled");
        await WaitForAsync<HypervisorResponse>(admin, "/api/v1/hypervisors/hv2", h => h.Status == HypervisorStatus.Online, Slow, "Online");

        // The real disk flow: an empty base, then the desktop's overlay, both made by qemu-img on hv2.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var baseId = "base-" + suffix;
        var desktopId = "desk-" + suffix;
        var domain = DesktopDomainNames.NameOf(desktopId);
        var made = await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{baseId}}","size_gib":1,"memory_mib":128,"vcpus":1}""");
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        await WaitForAsync<TemplateResponse>(admin, $"/api/v1/templates/{baseId}", t => t.Status == TemplateStatuses.Ready, Slow, "base Ready");
        var created = await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{desktopId}}","template":"{{baseId}}"}"""))
            .OkAsync<DesktopResponse>(HttpStatusCode.Created);
        Assert.Equal(DesktopStatuses.Creating, created.Status);
        await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped (overlay made)");
        Assert.True(File.Exists(created.DiskPath), created.DiskPath);

        try
        {
            // Start: placed on the only desktop host, running there and nowhere else.
            var starting = await (await admin.PostEmptyAsync($"/api/v1/desktops/{desktopId}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            Assert.Equal((DesktopStatuses.Starting, "hv1"), (starting.Status, starting.Hypervisor));
            await (await admin.PostEmptyAsync($"/api/v1/desktops/{desktopId}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
            var started = await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status != DesktopStatuses.Starting, Slow, "started");
            Assert.True(started.Status == DesktopStatuses.Started, started.StatusDetail);
            Assert.Contains(domain, await RunningDomainsAsync("hv1"));
            Assert.DoesNotContain(domain, await RunningDomainsAsync("hv2"));
            Assert.InRange(started.VncPort!.Value, GraphicsPortAllocator.First, GraphicsPortAllocator.Last);
            var xml = XElement.Parse((await testbed.VirshAsync("hv1", "dumpxml", domain)).EnsureSuccess().StandardOutput);
            var graphics = xml.Element("devices")!.Elements("graphics").ToList();
            Assert.Equal([started.VncPort.ToString(), started.SpicePort.ToString()], graphics.Select(g => (string?)g.Attribute("port")));
            Assert.All(graphics, g => Assert.Equal(GraphicsListen.Loopback, (string?)g.Attribute("listen")));
            Assert.Equal(testbed.KvmAvailable ? "kvm" : "qemu", (string?)xml.Attribute("type"));

            // libvirtd dies (the guest lives on): Unknown; back: adopted as Started with the same ports, still one domain.
            await testbed.KillLibvirtdAsync("hv1");
            await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Unknown, TimeSpan.FromSeconds(20), "Unknown after kill-libvirtd");
            await testbed.StartLibvirtdAsync("hv1");
            var adopted = await WaitForAsync<DesktopResponse>(admin, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Started, Slow, "Started again (adopted)");
            Assert.Equal((started.Hypervisor, started.VncPort, started.SpicePort), (adopted.Hypervisor, adopted.VncPort, adopted.SpicePort));
            Assert.Single(await RunningDomainsAsync("hv1"), n => n == domain);

            // The control plane restarts: Unknown until hv1 is proven Online, then adopted; never started twice.
            await server.StopAsync();
            await server.InitializeAsync();
            using var again = server.Admin();
            var afterRestart = await WaitForAsync<DesktopResponse>(again, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Started, Slow, "Started after serve restarted");
            Assert.Equal(started.VncPort, afterRestart.VncPort);
            Assert.Contains("adopted", afterRestart.StatusDetail); // went through Unknown, then found running
            Assert.Equal(started.Hypervisor, afterRestart.Hypervisor);
            Assert.Single(await RunningDomainsAsync("hv1"), n => n == domain);

            // Stop: ACPI, then destroyed after the timeout; gone from libvirt.
            var stopping = await (await again.PostEmptyAsync($"/api/v1/desktops/{desktopId}/stop")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            Assert.Equal(DesktopStatuses.Stopping, stopping.Status);
            var stopped = await WaitForAsync<DesktopResponse>(again, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped");
            Assert.Null(stopped.VncPort);
            Assert.DoesNotContain(domain, await RunningDomainsAsync("hv1"));

            // A guest destroyed behind our back is Stopped by its lifecycle event.
            await (await again.PostEmptyAsync($"/api/v1/desktops/{desktopId}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            await WaitForAsync<DesktopResponse>(again, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Started, Slow, "Started (second time)");
            (await testbed.VirshAsync("hv1", "destroy", domain)).EnsureSuccess();
            await WaitForAsync<DesktopResponse>(again, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Stopped, TimeSpan.FromSeconds(10), "Stopped by its lifecycle event");

            // Delete: the disk worker removes the disk, then the row.
            await (await again.DeleteAsync($"/api/v1/desktops/{desktopId}")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            await Eventually.TrueAsync(async () => (await again.GetAsync($"/api/v1/desktops/{desktopId}")).StatusCode == HttpStatusCode.NotFound,
                Slow, "desktop row removed once its disk is deleted");
            Assert.False(File.Exists(created.DiskPath));
        }
        finally
        {
            await testbed.VirshAsync("hv1", "destroy", domain);
        }
    }
}
