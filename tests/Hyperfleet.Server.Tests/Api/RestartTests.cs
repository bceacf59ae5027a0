using System.Net;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>Stopping and starting the control plane on the same data dir loses nothing.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_OnSameDataDir_KeepsHypervisorsHistoryAndAdminPassword()
    {
        var first = new SqliteApiFixture();
        await first.InitializeAsync();
        string dataDir = first.DataDir;
        using (var admin = first.Admin())
        {
            await admin.AddAsync("keep-me", "keep.example.org", ""","capabilities":{"hypervisor":false}""");
            await admin.PostEmptyAsync("/api/v1/hypervisors/keep-me/enable");
        }
        // As if the engine had proven it Online before the control plane went down.
        await first.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == "keep-me")
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HypervisorStatus.Online)));
        await first.StopAsync();

        // The engine runs on the restarted server, but cannot reach the host yet (its connects hang).
        var connector = new Engine.FakeConnector();
        connector.HangOn("keep-me");
        var second = SqliteApiFixture.With(dataDir, roles: "api,engine",
            services: s => s.AddSingleton<Hyperfleet.Server.Engine.IHypervisorConnector>(connector));
        await second.InitializeAsync();
        try
        {
            using var admin = second.Admin();
            var h = await (await admin.GetAsync("/api/v1/hypervisors/keep-me")).OkAsync<HypervisorResponse>();
            Assert.Equal("pure_disk_operations", h.Type);
            Assert.True(h.Enabled);
            // The engine never trusts a stale status: after a restart it starts from Offline.
            Assert.Equal(HypervisorStatus.Offline, h.Status);
            var events = await (await admin.GetAsync("/api/v1/hypervisors/keep-me/events")).OkAsync<List<Contracts.Events.HypervisorEventResponse>>();
            Assert.Equal(["status", "enabled", "added"], events.Select(e => e.Kind));
            Assert.Equal(("Online", "Offline"), (events[0].FromStatus, events[0].ToStatus));
        }
        finally
        {
            await second.DisposeAsync();
        }
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task FirstStart_WithoutConfiguredPassword_GeneratesOneThatWorksOnce()
    {
        var fixture = SqliteApiFixture.With(configuredPassword: null);
        await fixture.InitializeAsync();
        try
        {
            Assert.NotNull(fixture.GeneratedPassword);
            Assert.True(fixture.GeneratedPassword!.Length >= 16);
            using var anonymous = fixture.Anonymous();
            var wrong = await anonymous.PostRawAsync("/api/v1/auth/token", """{"username":"admin","password":"correct-horse-battery"}""");
            await wrong.ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
            Assert.StartsWith("hft_", await fixture.TokenAsync("admin", fixture.GeneratedPassword));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
