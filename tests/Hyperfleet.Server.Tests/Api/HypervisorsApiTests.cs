using System.Net;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>The registry's lifecycle as an admin drives it; runs once per database provider.</summary>
public abstract class HypervisorsApiTests(ApiFixture fixture)
{
    protected ApiFixture Fixture { get; } = fixture;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Add_WithOnlyIdAndHostname_TakesTheDocumentedDefaults()
    {
        using var admin = Fixture.Admin();
        var id = NewId("hv");
        var h = await admin.AddAsync(id, "hv1.example.org");

        Assert.Equal(2022, h.SshPort);
        Assert.Equal("root", h.SshUser);
        Assert.Equal(new HypervisorCapabilities(true, true), h.Capabilities);
        Assert.Equal("mixed", h.Type);
        Assert.Equal(HypervisorFlavour.Hypervisor, h.Flavour);
        Assert.Equal(VpnTunnelingMode.WireguardGeneve, h.VpnTunnelingMode);
        Assert.Equal(80, h.Viewer.SpicePort);
        Assert.Equal(443, h.Viewer.Html5Port);
        Assert.False(h.Enabled);
        Assert.Equal(HypervisorStatus.Offline, h.Status);
        Assert.Equal(1500, h.InfrastructureMtu);
        Assert.Equal(1500 - 54 - 60, h.GuestMtu);
        Assert.Equal("admin", h.RegisteredBy);

        var again = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
        Assert.Equal(h, again);
    }

    [Theory]
    [InlineData(true, false, "wireguard+geneve", "hypervisor", "pure_hypervisor")]
    [InlineData(false, true, "geneve", "hypervisor-standalone", "pure_disk_operations")]
    [InlineData(true, true, "geneve", "hypervisor", "mixed")]
    public async Task Add_EachTypeAndMode_IsStoredAndListed(bool hyper, bool disk, string mode, string flavour, string type)
    {
        using var admin = Fixture.Admin();
        var id = NewId("t");
        var extra = $$""","capabilities":{"hypervisor":{{(hyper ? "true" : "false")}},"disk_operations":{{(disk ? "true" : "false")}}},"vpn_tunneling_mode":"{{mode}}","flavour":"{{flavour}}" """;
        var added = await admin.AddAsync(id, "10.0.0.5", extra);
        Assert.Equal(type, added.Type);
        Assert.Equal(mode, WireNames.Of(added.VpnTunnelingMode));
        Assert.Equal(flavour, WireNames.Of(added.Flavour));
        Assert.Equal(mode == "geneve" ? 1446 : 1386, added.GuestMtu);

        var list = await (await admin.GetAsync("/api/v1/hypervisors")).OkAsync<List<HypervisorResponse>>();
        Assert.Contains(list, h => h.Id == id && h.Type == type && h.Status == HypervisorStatus.Offline && !h.Enabled);
    }

    [Fact]
    public async Task Add_SameIdTwice_IsAConflictAndKeepsTheFirst()
    {
        using var admin = Fixture.Admin();
        var id = NewId("dup");
        await admin.AddAsync(id, "first.example.org");
        var response = await admin.PostRawAsync("/api/v1/hypervisors", $$"""{"id":"{{id}}","hostname":"second.example.org"}""");
        await response.ProblemAsync(HttpStatusCode.Conflict, "already_exists");
        var h = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
        Assert.Equal("first.example.org", h.Hostname);
    }

    [Fact]
    public async Task EnableDisable_ChangesEnabledAndRecordsHistory()
    {
        using var admin = Fixture.Admin();
        var id = NewId("en");
        await admin.AddAsync(id);
        var enabled = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable")).OkAsync<HypervisorResponse>();
        Assert.True(enabled.Enabled);
        var disabled = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/disable")).OkAsync<HypervisorResponse>();
        Assert.False(disabled.Enabled);
        Assert.Equal(HypervisorStatus.Offline, disabled.Status);

        var events = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Equal(["disabled", "enabled", "added"], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal("admin", e.Actor));
    }

    [Fact]
    public async Task Edit_WhenOffline_ChangesOnlyTheGivenFields()
    {
        using var admin = Fixture.Admin();
        var id = NewId("ed");
        await admin.AddAsync(id, "old.example.org", ""","description":"rack 4" """);
        var edited = await (await admin.PatchRawAsync($"/api/v1/hypervisors/{id}",
            """{"hostname":"new.example.org","vpn_tunneling_mode":"geneve","viewer":{"spice_port":8080}}""")).OkAsync<HypervisorResponse>();
        Assert.Equal("new.example.org", edited.Hostname);
        Assert.Equal(VpnTunnelingMode.Geneve, edited.VpnTunnelingMode);
        Assert.Equal(8080, edited.Viewer.SpicePort);
        Assert.Equal(443, edited.Viewer.Html5Port);
        Assert.Equal("rack 4", edited.Description);
        var events = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Contains("hostname", events[0].Detail);
    }

    [Fact]
    public async Task Edit_WhenOnline_Is409AndChangesNothing()
    {
        using var admin = Fixture.Admin();
        var id = NewId("on");
        await admin.AddAsync(id, "online.example.org");
        await Fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HypervisorStatus.Online).SetProperty(h => h.Enabled, true)));

        var response = await admin.PatchRawAsync($"/api/v1/hypervisors/{id}", """{"hostname":"other.example.org"}""");
        await response.ProblemAsync(HttpStatusCode.Conflict, "hypervisor_online");
        var h = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
        Assert.Equal("online.example.org", h.Hostname);
    }

    [Fact]
    public async Task Delete_GoesThroughDeletingAndIsRemovedOnceNothingRuns()
    {
        using var admin = Fixture.Admin();
        var id = NewId("del");
        await admin.AddAsync(id);
        // Pretend the engine last saw one desktop running there: it must stay in Deleting.
        await Fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id).ExecuteUpdateAsync(s => s.SetProperty(h => h.DesktopsRunning, 1)));

        var deleting = await (await admin.DeleteAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>(HttpStatusCode.Accepted);
        Assert.Equal(HypervisorStatus.Deleting, deleting.Status);
        await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable")).ProblemAsync(HttpStatusCode.Conflict, "hypervisor_deleting");
        await Fixture.Services.GetRequiredService<DeletionSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/hypervisors/{id}")).StatusCode);

        // The host shows nothing running, but a desktop is recorded there as Unknown (lost with it): still Deleting.
        await Fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id).ExecuteUpdateAsync(s => s.SetProperty(h => h.DesktopsRunning, 0)));
        var desktop = await Fixture.WithDbAsync(async db =>
        {
            db.StoragePools.Add(new StoragePool { Id = id, BasesPath = "/b", TemplatesPath = "/t", GroupsPath = "/g", MediaPath = "/m", VolatilePath = "/v" });
            db.Templates.Add(new Template { Id = id, Kind = TemplateKinds.Base, DiskPath = $"/b/{id}.qcow2", PoolId = id, Status = TemplateStatuses.Ready });
            db.Desktops.Add(new Desktop { Id = id, TemplateId = id, PoolId = id, DiskPath = $"/g/{id}.qcow2", Status = DesktopStatuses.Unknown, HypervisorId = id });
            await db.SaveChangesAsync();
            return id;
        });
        await Fixture.Services.GetRequiredService<DeletionSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/hypervisors/{id}")).StatusCode);

        await Fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == desktop).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DesktopStatuses.Stopped)));
        await Fixture.Services.GetRequiredService<DeletionSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/hypervisors/{id}")).StatusCode);

        // The history outlives the hypervisor.
        var events = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Equal("deleted", events[0].Kind);
        Assert.Equal("engine", events[0].Actor);
    }

    [Fact]
    public async Task Delete_WhenEnabled_Is409UnlessForced()
    {
        using var admin = Fixture.Admin();
        var id = NewId("fd");
        await admin.AddAsync(id);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await (await admin.DeleteAsync($"/api/v1/hypervisors/{id}")).ProblemAsync(HttpStatusCode.Conflict, "hypervisor_enabled");

        var forced = await admin.DeleteAsync($"/api/v1/hypervisors/{id}?force=true");
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.False(await Fixture.WithDbAsync(db => db.Hypervisors.AnyAsync(h => h.Id == id)));
    }

    [Fact]
    public async Task UnknownHypervisor_Is404WithCode()
    {
        using var admin = Fixture.Admin();
        await (await admin.GetAsync("/api/v1/hypervisors/nope")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostEmptyAsync("/api/v1/hypervisors/nope/enable")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.DeleteAsync("/api/v1/hypervisors/nope?force=true")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Add_IsStoredWithItsHistoryRow()
    {
        using var admin = Fixture.Admin();
        var id = NewId("keep");
        await admin.AddAsync(id);
        var stored = await Fixture.WithDbAsync(db => db.Hypervisors.AsNoTracking().SingleAsync(h => h.Id == id));
        Assert.Equal("hv.example.org", stored.Hostname);
        Assert.Equal(1, await Fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync(e => e.HypervisorId == id)));
    }
}

[Collection("sqlite")]
public sealed class HypervisorsApiTestsOnSqlite(SqliteApiFixture fixture) : HypervisorsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class HypervisorsApiTestsOnPostgres(PostgresApiFixture fixture) : HypervisorsApiTests(fixture), IClassFixture<PostgresApiFixture>;
