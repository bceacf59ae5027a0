using System.Net;
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
/// The desktops issue's "done when", as an admin would do it: one pure disk host (hv3) and two pure hypervisors
/// (hv1; hv2 only-forced), a base, a template and ten desktops. Every disk task runs on hv3; every desktop runs on a
/// hypervisor host, as <c>virsh</c> on each host says; only_forced and min_free_mem are honoured; a host's libvirtd
/// dying makes its desktops Unknown; a restarted control plane adopts what runs, never starting a second copy.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class FleetPlacementOnTestbedTests(TestbedFixture testbed, DesktopsServerFixture server, ITestOutputHelper output)
    : IClassFixture<DesktopsServerFixture>
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TenDesktops_DisksOnTheDiskHost_RunOnHypervisors_PlacementRulesHonoured_SurviveLibvirtdAndServeRestarts()
    {
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var desktops = Enumerable.Range(1, 10).Select(i => $"fleet-{suffix}-{i:00}").ToList();
        var unforced = desktops.Take(8).ToList();
        var forced = desktops.Skip(8).ToList();
        using var admin = server.Admin();
        try
        {
            await admin.InstallKeysAsync(testbed, "hv1", "hv2", "hv3");
            await admin.AddAsync("hv1", testbed.Ip("hv1"), ""","capabilities":{"hypervisor":true,"disk_operations":false}""");
            await admin.AddAsync("hv2", testbed.Ip("hv2"), ""","capabilities":{"hypervisor":true,"disk_operations":false},"only_forced":true""");
            await admin.AddAsync("hv3", testbed.Ip("hv3"), ""","capabilities":{"hypervisor":false,"disk_operations":true}""");
            foreach (var id in new[] { "hv1", "hv2", "hv3" })
            {
                await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
            }
            foreach (var id in new[] { "hv1", "hv2" })
            {
                await admin.WaitForAsync<HypervisorResponse>(output, $"/api/v1/hypervisors/{id}", h => h.Status == HypervisorStatus.Online && h.Stats.MemoryFreeMib > 0, Slow, "Online and sampled");
            }
            await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv3", h => h.Status == HypervisorStatus.Online, Slow, "Online");

            // Base ← template ← desktops, every disk made by qemu-img on the disk host.
            var baseId = $"fleet-{suffix}-base";
            var templateId = $"fleet-{suffix}-tpl";
            await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{baseId}}","size_gib":1,"memory_mib":128,"vcpus":1}""")).OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
            await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/{baseId}", t => t.Status == TemplateStatuses.Ready, Slow, "base Ready");
            await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{templateId}}","parent":"{{baseId}}"}""")).OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
            var template = await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/{templateId}", t => t.Status == TemplateStatuses.Ready, Slow, "template Ready");
            foreach (var id in desktops)
            {
                // The first unforced desktop favours hv2, which takes only forced desktops: it is passed over, and says why.
                var body = forced.Contains(id)
                    ? $$"""{"id":"{{id}}","template":"{{templateId}}","forced_hypervisor":"hv2"}"""
                    : id == unforced[0]
                        ? $$"""{"id":"{{id}}","template":"{{templateId}}","favourite_hypervisor":"hv2"}"""
                        : $$"""{"id":"{{id}}","template":"{{templateId}}"}""";
                await (await admin.PostRawAsync("/api/v1/desktops", body)).OkAsync<DesktopResponse>(HttpStatusCode.Created);
            }
            foreach (var id in desktops)
            {
                await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped (disk made)");
            }
            var tasks = await (await admin.GetAsync("/api/v1/tasks?limit=500")).OkAsync<List<DiskTaskResponse>>();
            var ours = tasks.Where(t => t.OwnerId is { } o && (o.StartsWith($"fleet-{suffix}", StringComparison.Ordinal))).ToList();
            Assert.Equal(12, ours.Count); // base, template, ten overlays
            Assert.All(ours, t => Assert.Equal(("done", "hv3"), (t.Status, t.HypervisorId)));
            var info = (await CommandRunner.RunAsync(testbed.ScriptPath, ["exec", "hv3", "qemu-img", "info", "--backing-chain", "-U",
                (await GetAsync<DesktopResponse>(admin, desktops[0])).DiskPath])).EnsureSuccess().StandardOutput;
            Assert.Contains(template.DiskPath, info, StringComparison.Ordinal);

            // Start all ten: only_forced keeps the unforced ones off hv2; the forced ones run on hv2.
            foreach (var id in desktops)
            {
                await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            }
            var placed = new Dictionary<string, string>();
            foreach (var id in desktops)
            {
                var d = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", x => x.Status != DesktopStatuses.Starting, Slow, "started");
                Assert.True(d.Status == DesktopStatuses.Started, $"{id}: {d.Status} {d.StatusDetail}");
                placed[id] = d.Hypervisor!;
            }
            Assert.All(unforced, id => Assert.Equal("hv1", placed[id]));
            Assert.Equal("favourite hv2 could not take it (only_forced); placed on hv1", (await GetAsync<DesktopResponse>(admin, unforced[0])).StatusDetail);
            Assert.All(forced, id => Assert.Equal("hv2", placed[id]));
            await AssertRunningAsync("hv1", unforced);
            await AssertRunningAsync("hv2", forced);
            Assert.Empty(Ours(await testbed.RunningDomainsAsync("hv3"), desktops));

            // min_free_mem: hv2 keeps more memory free than it has, so nothing more may start there.
            await admin.PostEmptyAsync("/api/v1/hypervisors/hv2/disable");
            (await admin.PatchRawAsync("/api/v1/hypervisors/hv2", $$"""{"min_free_mem_mib":{{16 * 1024 * 1024}}}""")).EnsureSuccessStatusCode();
            await admin.PostEmptyAsync("/api/v1/hypervisors/hv2/enable");
            await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv2", h => h.Status == HypervisorStatus.Online && h.Stats.MemoryFreeMib > 0, Slow, "Online again");
            foreach (var id in forced)
            {
                // Disabling left them running; the engine finds them again.
                await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Started && d.Hypervisor == "hv2", Slow, "adopted on hv2");
            }
            var extra = $"fleet-{suffix}-11";
            await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{extra}}","template":"{{templateId}}","forced_hypervisor":"hv2"}""")).OkAsync<DesktopResponse>(HttpStatusCode.Created);
            desktops.Add(extra);
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{extra}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped (disk made)");
            var refused = await (await admin.PostEmptyAsync($"/api/v1/desktops/{extra}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.NoHypervisor);
            output.WriteLine(refused.ToString());
            Assert.Contains(refused.GetProperty("refusals").EnumerateArray(),
                r => r.GetProperty("hypervisor").GetString() == "hv2" && r.GetProperty("reason").GetString() == "not_enough_memory");
            Assert.Equal(DesktopStatuses.Stopped, (await GetAsync<DesktopResponse>(admin, extra)).Status);

            // hv1's libvirtd dies (its guests live on): its desktops are Unknown, hv2's stay Started.
            await testbed.KillLibvirtdAsync("hv1");
            foreach (var id in unforced)
            {
                await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Unknown, TimeSpan.FromSeconds(20), "Unknown");
            }
            foreach (var id in forced)
            {
                Assert.Equal(DesktopStatuses.Started, (await GetAsync<DesktopResponse>(admin, id)).Status);
            }
            await testbed.StartLibvirtdAsync("hv1");
            foreach (var id in unforced)
            {
                await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Started && d.Hypervisor == "hv1", Slow, "adopted");
            }

            // The control plane restarts: everything running is adopted where it runs, exactly once.
            await server.StopAsync();
            await server.InitializeAsync();
            using var again = server.Admin();
            foreach (var id in unforced.Concat(forced))
            {
                var d = await again.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", x => x.Status == DesktopStatuses.Started, Slow, "Started after serve restarted");
                Assert.Equal(placed[id], d.Hypervisor);
            }
            await AssertRunningAsync("hv1", unforced);
            await AssertRunningAsync("hv2", forced);
        }
        finally
        {
            using var cleanup = server.Admin();
            foreach (var host in new[] { "hv1", "hv2" })
            {
                await cleanup.PostEmptyAsync($"/api/v1/hypervisors/{host}/stop-desktops?force=true");
                foreach (var id in desktops)
                {
                    await testbed.VirshAsync(host, "destroy", DesktopDomainNames.NameOf(id));
                }
            }
        }
    }

    private async Task AssertRunningAsync(string host, IReadOnlyCollection<string> expected)
    {
        var running = Ours(await testbed.RunningDomainsAsync(host), expected);
        Assert.Equal(expected.Select(DesktopDomainNames.NameOf).Order(), running.Order());
    }

    private static List<string> Ours(IEnumerable<string> domains, IEnumerable<string> desktops)
    {
        var names = desktops.Select(DesktopDomainNames.NameOf).ToHashSet();
        return [.. domains.Where(names.Contains)];
    }

    private static async Task<T> GetAsync<T>(HttpClient admin, string desktopId) =>
        await (await admin.GetAsync($"/api/v1/desktops/{desktopId}")).OkAsync<T>();

}
