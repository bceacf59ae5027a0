using System.Net;
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

    /// <summary>hv1 a pure hypervisor and hv2 a pure disk host, Online (once per server; tests share it).</summary>
    private async Task EnsureFleetAsync(HttpClient admin)
    {
        if ((await admin.GetAsync("/api/v1/hypervisors/hv1")).StatusCode == HttpStatusCode.NotFound)
        {
            await admin.InstallKeysAsync(testbed, "hv1", "hv2");
            await admin.AddAsync("hv1", testbed.Ip("hv1"), ""","capabilities":{"hypervisor":true,"disk_operations":false}""");
            await admin.AddAsync("hv2", testbed.Ip("hv2"), ""","capabilities":{"hypervisor":false,"disk_operations":true}""");
            foreach (var id in new[] { "hv1", "hv2" })
            {
                await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
            }
        }
        await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv1", h => h.Status == HypervisorStatus.Online && h.Stats.MemoryFreeMib > 0, Slow, "Online and sampled");
        await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv2", h => h.Status == HypervisorStatus.Online, Slow, "Online");
    }

    /// <summary>An empty base and a Stopped desktop on it, both disks made by the disk worker on hv2.</summary>
    private async Task<(string BaseId, DesktopResponse Desktop)> NewDesktopAsync(HttpClient admin)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var baseId = "base-" + suffix;
        var desktopId = "desk-" + suffix;
        var made = await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{baseId}}","size_gib":1,"memory_mib":128,"vcpus":1}""");
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/{baseId}", t => t.Status == TemplateStatuses.Ready, Slow, "base Ready");
        var created = await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{desktopId}}","template":"{{baseId}}"}"""))
            .OkAsync<DesktopResponse>(HttpStatusCode.Created);
        Assert.Equal(DesktopStatuses.Creating, created.Status);
        await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped (overlay made)");
        Assert.True(File.Exists(created.DiskPath), created.DiskPath);
        return (baseId, created);
    }

    /// <summary>Best effort (never masks a test's own failure): the base and its disk go once the disk worker deletes it.</summary>
    private static async Task DeleteBaseAsync(HttpClient admin, string baseId)
    {
        await admin.DeleteAsync($"/api/v1/templates/{baseId}");
        for (var i = 0; i < 100 && (await admin.GetAsync($"/api/v1/templates/{baseId}")).StatusCode != HttpStatusCode.NotFound; i++)
        {
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Desktop_CreateStartLoseHostRestartServeStop_OneDomainAndTrueStatusThroughout()
    {
        using var admin = server.Admin();
        await EnsureFleetAsync(admin);

        // The real disk flow: an empty base, then the desktop's overlay, both made by qemu-img on hv2.
        var (baseId, created) = await NewDesktopAsync(admin);
        var desktopId = created.Id;
        var domain = DesktopDomainNames.NameOf(desktopId);

        try
        {
            // Start: placed on the only desktop host, running there and nowhere else.
            var starting = await (await admin.PostEmptyAsync($"/api/v1/desktops/{desktopId}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            Assert.Equal((DesktopStatuses.Starting, "hv1"), (starting.Status, starting.Hypervisor));
            await (await admin.PostEmptyAsync($"/api/v1/desktops/{desktopId}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
            var started = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status != DesktopStatuses.Starting, Slow, "started");
            Assert.True(started.Status == DesktopStatuses.Started, started.StatusDetail);
            Assert.Contains(domain, await testbed.RunningDomainsAsync("hv1"));
            Assert.DoesNotContain(domain, await testbed.RunningDomainsAsync("hv2"));
            Assert.InRange(started.VncPort!.Value, GraphicsPortAllocator.First, GraphicsPortAllocator.Last);
            var xml = XElement.Parse((await testbed.VirshAsync("hv1", "dumpxml", domain)).EnsureSuccess().StandardOutput);
            var graphics = xml.Element("devices")!.Elements("graphics").ToList();
            Assert.Equal([started.VncPort.ToString(), started.SpicePort.ToString()], graphics.Select(g => (string?)g.Attribute("port")));
            Assert.All(graphics, g => Assert.Equal(GraphicsListen.Loopback, (string?)g.Attribute("listen")));
            Assert.Equal(testbed.KvmAvailable ? "kvm" : "qemu", (string?)xml.Attribute("type"));

            // libvirtd dies (the guest lives on): Unknown; back: adopted as Started with the same ports, still one domain.
            await testbed.KillLibvirtdAsync("hv1");
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Unknown, TimeSpan.FromSeconds(20), "Unknown after kill-libvirtd");
            await testbed.StartLibvirtdAsync("hv1");
            var adopted = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Started, Slow, "Started again (adopted)");
            Assert.Equal((started.Hypervisor, started.VncPort, started.SpicePort), (adopted.Hypervisor, adopted.VncPort, adopted.SpicePort));
            Assert.Single(await testbed.RunningDomainsAsync("hv1"), n => n == domain);

            // The control plane restarts: Unknown until hv1 is proven Online, then adopted; never started twice.
            await server.StopAsync();
            await server.InitializeAsync();
            using var again = server.Admin();
            var afterRestart = await again.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Started, Slow, "Started after serve restarted");
            Assert.Equal(started.VncPort, afterRestart.VncPort);
            Assert.Contains("adopted", afterRestart.StatusDetail); // went through Unknown, then found running
            Assert.Equal(started.Hypervisor, afterRestart.Hypervisor);
            Assert.Single(await testbed.RunningDomainsAsync("hv1"), n => n == domain);

            // Stop: ACPI, then destroyed after the timeout; gone from libvirt.
            var stopping = await (await again.PostEmptyAsync($"/api/v1/desktops/{desktopId}/stop")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            Assert.Equal(DesktopStatuses.Stopping, stopping.Status);
            var stopped = await again.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped");
            Assert.Null(stopped.VncPort);
            Assert.DoesNotContain(domain, await testbed.RunningDomainsAsync("hv1"));

            // A guest destroyed behind our back is Stopped by its lifecycle event.
            await (await again.PostEmptyAsync($"/api/v1/desktops/{desktopId}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            await again.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Started, Slow, "Started (second time)");
            (await testbed.VirshAsync("hv1", "destroy", domain)).EnsureSuccess();
            await again.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{desktopId}", d => d.Status == DesktopStatuses.Stopped, TimeSpan.FromSeconds(10), "Stopped by its lifecycle event");

            // Delete: the disk worker removes the disk, then the row.
            await (await again.DeleteAsync($"/api/v1/desktops/{desktopId}")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            await Eventually.TrueAsync(async () => (await again.GetAsync($"/api/v1/desktops/{desktopId}")).StatusCode == HttpStatusCode.NotFound,
                Slow, "desktop row removed once its disk is deleted");
            Assert.False(File.Exists(created.DiskPath));
        }
        finally
        {
            await testbed.VirshAsync("hv1", "destroy", domain);
            using var cleanup = server.Admin();
            await DeleteBaseAsync(cleanup, baseId);
        }
    }

    [Fact]
    public async Task Start_RacingStartsOnABusyPort_OneDomainOnTheNextFreePair()
    {
        using var admin = server.Admin();
        await EnsureFleetAsync(admin);
        var (baseId, created) = await NewDesktopAsync(admin);
        var domain = DesktopDomainNames.NameOf(created.Id);
        var before = await testbed.RunningDomainsAsync("hv1");
        var usedOnHv1 = (await (await admin.GetAsync("/api/v1/desktops?hypervisor=hv1")).OkAsync<List<DesktopResponse>>())
            .SelectMany(d => new[] { d.VncPort, d.SpicePort }).OfType<int>();
        var expected = GraphicsPortAllocator.LowestFreePair(usedOnHv1)!.Value;

        // Something else on hv1 already listens on the VNC port the control plane will pick first.
        var squatter = (await CommandRunner.RunAsync(testbed.ScriptPath, ["exec", "hv1", "sh", "-c",
            $"nohup /usr/bin/python3 -c 'import socket,time; s=socket.socket(); s.bind((\"127.0.0.1\",{expected.Vnc})); s.listen(); time.sleep(300)' >/dev/null 2>&1 & echo $!"]))
            .EnsureSuccess().StandardOutput.Trim();
        try
        {
            await Poll.UntilAsync(async () => (await CommandRunner.RunAsync(testbed.ScriptPath, ["exec", "hv1", "sh", "-c", $"ss -Htln 'sport = :{expected.Vnc}'"]))
                .StandardOutput.Contains(expected.Vnc.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                TimeSpan.FromSeconds(10), "squatter listening");

            // Six admins press start at once: one wins, the others are told why; never two domains.
            var clients = Enumerable.Range(0, 6).Select(_ => server.Admin()).ToList();
            var answers = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/desktops/{created.Id}/start", null)));
            clients.ForEach(c => c.Dispose());
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));

            var started = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{created.Id}", d => d.Status != DesktopStatuses.Starting, Slow, "started");
            Assert.True(started.Status == DesktopStatuses.Started, started.StatusDetail);
            Assert.NotEqual(expected.Vnc, started.VncPort);
            Assert.Equal(started.VncPort + 1, started.SpicePort);
            Assert.Single(await testbed.RunningDomainsAsync("hv1"), n => n == domain);
            Assert.Equal(before.Count + 1, (await testbed.RunningDomainsAsync("hv1")).Count);

            // The admin empties the host: every desktop recorded there is asked to stop (forced: destroyed now).
            var emptied = await (await admin.PostEmptyAsync("/api/v1/hypervisors/hv1/stop-desktops?force=true")).OkAsync<StopDesktopsResponse>(HttpStatusCode.Accepted);
            Assert.Contains(created.Id, emptied.Stopping);
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{created.Id}", d => d.Status == DesktopStatuses.Stopped, TimeSpan.FromSeconds(10), "Stopped (forced)");
            Assert.DoesNotContain(domain, await testbed.RunningDomainsAsync("hv1"));
        }
        finally
        {
            await CommandRunner.RunAsync(testbed.ScriptPath, ["exec", "hv1", "kill", squatter]);
            await testbed.VirshAsync("hv1", "destroy", domain);
            await admin.DeleteAsync($"/api/v1/desktops/{created.Id}");
            await Eventually.TrueAsync(async () => (await admin.GetAsync($"/api/v1/desktops/{created.Id}")).StatusCode == HttpStatusCode.NotFound, Slow, "desktop removed");
            await DeleteBaseAsync(admin, baseId);
        }
    }
}
