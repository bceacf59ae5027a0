using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Engine;

/// <summary>The engine's status machine (ARCHITECTURE §4) against a scripted connector.</summary>
public sealed class EngineTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<HypervisorResponse> GetAsync(HttpClient admin, string id) =>
        await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();

    private static async Task<HypervisorResponse> WaitForAsync(HttpClient admin, string id, Func<HypervisorResponse, bool> condition, string because)
    {
        HypervisorResponse? last = null;
        await Eventually.TrueAsync(async () => condition(last = await GetAsync(admin, id)), TimeSpan.FromSeconds(15), because);
        return last!;
    }

    [Fact]
    public async Task Enable_ReachableHost_GoesOnlineWithFactsStatsAndPinnedHostKey()
    {
        using var admin = fixture.Admin();
        var id = NewId("ok");
        await admin.AddAsync(id);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");

        var h = await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Online && h.Stats.SampledAt is not null, "Online with stats");
        Assert.Equal("10.0.0", h.Facts.LibvirtVersion);
        Assert.True(h.Facts.KvmAvailable);
        Assert.Equal(3, h.Stats.DesktopsRunning);
        Assert.StartsWith("SHA256:", h.SshHostKeyFingerprint);
        var events = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Contains(events, e => e.Kind == "host_key_pinned" && e.Detail!.Contains("SHA256:", StringComparison.Ordinal));
        Assert.Contains(events, e => e is { Kind: "status", ToStatus: "Online", Actor: "engine" });
    }

    [Fact]
    public async Task LostConnection_GoesErrorWithReasonThenBackOnlineByItself()
    {
        using var admin = fixture.Admin();
        var id = NewId("flap");
        await admin.AddAsync(id);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Online, "Online");

        fixture.Connector.FailWith(id, "libvirt_down", "Cannot recv data: Connection reset by peer");
        fixture.Connector.Lose(id, "libvirt_down", "Cannot recv data: Connection reset by peer");
        var error = await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Error, "Error after loss");
        Assert.Equal("libvirt_down", error.StatusReason);
        Assert.Contains("Connection reset", error.StatusDetail);

        var attemptsBefore = fixture.Connector.Attempts.Count(a => a.Id == id);
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Connector.Attempts.Count(a => a.Id == id) >= attemptsBefore + 2),
            TimeSpan.FromSeconds(15), "retries while in Error");
        fixture.Connector.Heal(id);
        await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Online && h.StatusReason is null, "back Online by itself");

        // Retries of the same failure do not flood the history: one Error row, one Online row after it.
        var events = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Equal(1, events.Count(e => e.ToStatus == "Error"));
    }

    [Fact]
    public async Task Disable_WhileFailing_StaysOfflineAndStopsRetrying()
    {
        using var admin = fixture.Admin();
        var id = NewId("off");
        fixture.Connector.FailWith(id, "ssh_unreachable", "No route to host");
        await admin.AddAsync(id);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Error && h.StatusReason == "ssh_unreachable", "Error");

        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/disable");
        await Eventually.TrueAsync(async () =>
        {
            var before = fixture.Connector.Attempts.Count(a => a.Id == id);
            await Task.Delay(600);
            return fixture.Connector.Attempts.Count(a => a.Id == id) == before;
        }, TimeSpan.FromSeconds(10), "retries stop once disabled");
        var h = await GetAsync(admin, id);
        Assert.Equal(HypervisorStatus.Offline, h.Status);
        Assert.Null(h.StatusReason);
    }

    [Fact]
    public async Task Edit_WhileInError_ReconnectsWithTheNewSettings()
    {
        using var admin = fixture.Admin();
        var id = NewId("edit");
        fixture.Connector.FailWith(id, "ssh_unreachable", "Connection refused");
        await admin.AddAsync(id, "wrong.example.org");
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Error, "Error");

        await admin.PatchRawAsync($"/api/v1/hypervisors/{id}", """{"hostname":"right.example.org"}""");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Connector.Attempts.Any(a => a.Id == id && a.Hostname == "right.example.org")),
            TimeSpan.FromSeconds(15), "the monitor restarts with the edited hostname");
        fixture.Connector.Heal(id);
        await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Online, "Online after the edit");
        Assert.Equal("right.example.org", fixture.Connector.Attempts.Last(a => a.Id == id).Hostname);
    }

    [Fact]
    public async Task ForceDelete_WhileOnline_DisconnectsAndRemoves()
    {
        using var admin = fixture.Admin();
        var id = NewId("gone");
        await admin.AddAsync(id);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Online, "Online");

        // The engine writes this row's stats every 200 ms here: the admin's delete must still win, not answer 409.
        var deleted = await admin.DeleteAsync($"/api/v1/hypervisors/{id}?force=true");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => Task.FromResult(!fixture.Connector.IsConnected(id)), TimeSpan.FromSeconds(15), "session closed");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/hypervisors/{id}")).StatusCode);
    }

    [Fact]
    public async Task Supervisor_AfterMonitorsAreStoppedMidRetry_KeepsServingNewHypervisors()
    {
        using var admin = fixture.Admin();
        var failing = Enumerable.Range(0, 5).Select(_ => NewId("churn")).ToList();
        foreach (var id in failing)
        {
            fixture.Connector.FailWith(id, "ssh_unreachable", "Connection refused");
            await admin.AddAsync(id);
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        }
        foreach (var id in failing)
        {
            await WaitForAsync(admin, id, h => h.Status == HypervisorStatus.Error, "Error");
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/disable");
        }
        var fresh = NewId("fresh");
        await admin.AddAsync(fresh);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{fresh}/enable");
        await WaitForAsync(admin, fresh, h => h.Status == HypervisorStatus.Online, "Online: the supervisor is still alive");
    }
}
