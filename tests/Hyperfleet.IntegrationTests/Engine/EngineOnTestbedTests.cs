using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Engine;

/// <summary>
/// The engine issue's "done when", on real hosts: provision keys with the password, add one pure
/// disk-operations host and two mixed ones, enable them, then break them the ways hosts break.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class EngineOnTestbedTests(TestbedFixture testbed, TestbedServerFixture server, ITestOutputHelper output)
    : IClassFixture<TestbedServerFixture>
{
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    private static async Task<HypervisorResponse> GetAsync(HttpClient admin, string id) =>
        await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();

    private async Task<(HypervisorResponse Hypervisor, TimeSpan Took)> WaitForAsync(HttpClient admin, string id,
        Func<HypervisorResponse, bool> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        HypervisorResponse? last = null;
        while (clock.Elapsed < timeout)
        {
            last = await GetAsync(admin, id);
            if (condition(last))
            {
                output.WriteLine($"{id}: {because} after {clock.Elapsed.TotalSeconds:0.00} s ({last.Status} {last.StatusReason})");
                return (last, clock.Elapsed);
            }
            await Task.Delay(100);
        }
        var history = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).Content.ReadAsStringAsync();
        Assert.Fail($"{id}: not {because} within {timeout.TotalSeconds} s; last: {last?.Status} {last?.StatusReason} {last?.StatusDetail}\nhistory: {history}");
        throw new InvalidOperationException();
    }

    private async Task ProvisionAsync(HttpClient admin, string host)
    {
        var response = await admin.PostJsonAsync("/api/v1/ssh-keys/install",
            new { host = testbed.Ip(host), port = TestbedFixture.SshPort, user = "root", password = testbed.Password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"add-ssh-key {host}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("libvirt_ok").GetBoolean(), text);
    }

    [Fact]
    public async Task Fleet_ProvisionEnableBreakAndRecover_StatusStaysTrue()
    {
        using var admin = server.Admin();
        foreach (var host in testbed.Hosts)
        {
            await ProvisionAsync(admin, host);
        }
        await admin.AddAsync("hv1", testbed.Ip("hv1"), ""","capabilities":{"hypervisor":false,"disk_operations":true}""");
        await admin.AddAsync("hv2", testbed.Ip("hv2"));
        await admin.AddAsync("hv3", testbed.Ip("hv3"));
        foreach (var id in new[] { "hv1", "hv2", "hv3" })
        {
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        }
        foreach (var id in new[] { "hv1", "hv2", "hv3" })
        {
            var (h, _) = await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Online, Recovery, "Online");
            Assert.NotNull(h.SshHostKeyFingerprint);
        }
        var hv2 = await GetAsync(admin, "hv2");
        Assert.NotNull(hv2.Facts.LibvirtVersion);
        Assert.NotNull(hv2.Facts.QemuVersion);
        Assert.True(hv2.Facts.CpuThreads > 0);
        Assert.True(hv2.Facts.MemoryTotalMib > 0);
        Assert.Equal(testbed.KvmAvailable, hv2.Facts.KvmAvailable);
        await WaitForAsync(admin, "hv2", h => h.Stats.SampledAt is not null && h.Stats.MemoryFreeMib > 0, Recovery, "sampled");

        // libvirtd dies: Error with the reason and detail, then Online again once it is back.
        await testbed.KillLibvirtdAsync("hv2");
        var (down, _) = await WaitForAsync(admin, "hv2", h => h.Status == HypervisorStatus.Error, Detection, "Error after kill-libvirtd");
        Assert.Equal("libvirt_down", down.StatusReason);
        Assert.False(string.IsNullOrEmpty(down.StatusDetail));
        await testbed.StartLibvirtdAsync("hv2");
        await WaitForAsync(admin, "hv2", h => h.Status == HypervisorStatus.Online, Recovery, "Online after start-libvirtd");

        // The network to hv3 is cut: Error within seconds (keepalive), back when restored.
        await testbed.CutAsync("hv3");
        try
        {
            var (cut, _) = await WaitForAsync(admin, "hv3", h => h.Status == HypervisorStatus.Error, Detection, "Error after cut");
            Assert.True(cut.StatusReason is "keepalive_timeout" or "ssh_unreachable", cut.StatusReason);
        }
        finally
        {
            await testbed.RestoreAsync("hv3");
        }
        await WaitForAsync(admin, "hv3", h => h.Status == HypervisorStatus.Online, Recovery, "Online after restore");

        // hv1 gets a new host key: never accepted silently; an admin re-pins it.
        await testbed.RegenHostKeyAsync("hv1");
        // sshd restarts with the new keys, so a probe may first find it refusing connections (ssh_unreachable).
        var (mismatch, _) = await WaitForAsync(admin, "hv1", h => h is { Status: HypervisorStatus.Error, StatusReason: "host_key_mismatch" },
            Detection, "Error/host_key_mismatch after regen-hostkey");
        Assert.Contains("pinned", mismatch.StatusDetail);
        var repin = await admin.PostEmptyAsync("/api/v1/hypervisors/hv1/repin-host-key");
        Assert.True(repin.IsSuccessStatusCode, await repin.Content.ReadAsStringAsync());
        await WaitForAsync(admin, "hv1", h => h.Status == HypervisorStatus.Online, Recovery, "Online after re-pin");

        // Disable → Offline; delete → Deleting → removed (nothing runs there); force delete → removed now.
        await admin.PostEmptyAsync("/api/v1/hypervisors/hv2/disable");
        Assert.Equal(HypervisorStatus.Offline, (await GetAsync(admin, "hv2")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync("/api/v1/hypervisors/hv2")).StatusCode);
        await Eventually.TrueAsync(async () => (await admin.GetAsync("/api/v1/hypervisors/hv2")).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(15), "hv2 removed once nothing runs there");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/hypervisors/hv3?force=true")).StatusCode);

        var events = await (await admin.GetAsync("/api/v1/hypervisors/hv1/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Contains(events, e => e.Kind == "host_key_pinned" && e.Actor == "admin");
        Assert.Contains(events, e => e is { ToStatus: "Error", Reason: "host_key_mismatch" });

        // The control plane restarts: hv1 starts Offline (never a stale Online) and is proven Online again.
        await server.StopAsync();
        await server.InitializeAsync();
        using var again = server.Admin();
        await WaitForAsync(again, "hv1", h => h.Status == HypervisorStatus.Online, Recovery, "Online after serve restarted");
        var afterRestart = await (await again.GetAsync("/api/v1/hypervisors/hv1/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Contains(afterRestart, e => e is { FromStatus: "Online", ToStatus: "Offline", Actor: "engine" });
    }
}
