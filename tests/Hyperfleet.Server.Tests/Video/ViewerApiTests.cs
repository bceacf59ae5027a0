using System.Net;
using System.Security.Cryptography;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Video;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Video;

/// <summary>
/// The viewer routes without an engine: who may ask, what is refused (and leaves no session behind), the ticket key,
/// and the session ledger driven by proxy reports. Opening a real display is the testbed's (ViewerOnTestbedTests).
/// </summary>
public abstract class ViewerApiTests(ApiFixture fixture)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<(string Desktop, string Hypervisor)> SeedStartedAsync(string owner = "admin",
        HypervisorFlavour flavour = HypervisorFlavour.Hypervisor, string status = DesktopStatuses.Started)
    {
        var pool = NewId("pool");
        var template = NewId("tpl");
        var desktop = NewId("dsk");
        var hypervisor = NewId("hv");
        await fixture.WithDbAsync(async db =>
        {
            db.Hypervisors.Add(new Hypervisor { Id = hypervisor, Hostname = hypervisor + ".example.org", Flavour = flavour });
            db.StoragePools.Add(new StoragePool
            {
                Id = pool, BasesPath = $"/p/{pool}/b", TemplatesPath = $"/p/{pool}/t", GroupsPath = $"/p/{pool}/g",
                MediaPath = $"/p/{pool}/m", VolatilePath = $"/p/{pool}/v",
            });
            db.Templates.Add(new Template
            {
                Id = template, Kind = TemplateKinds.Template, DiskPath = $"/p/{pool}/t/{template}.qcow2", PoolId = pool,
                MemoryMib = 512, Vcpus = 1, Status = TemplateStatuses.Ready,
            });
            db.Desktops.Add(new Desktop
            {
                Id = desktop, Owner = owner, TemplateId = template, PoolId = pool, DiskPath = $"/p/{pool}/g/{desktop}.qcow2",
                MemoryMib = 512, Vcpus = 1, Status = status, HypervisorId = hypervisor, VncPort = 5900, SpicePort = 5901,
            });
            return await db.SaveChangesAsync();
        });
        return (desktop, hypervisor);
    }

    private Task<int> SessionsOfAsync(string desktop) =>
        fixture.WithDbAsync(db => db.ViewerSessions.CountAsync(s => s.DesktopId == desktop));

    private async Task<string> SeedSessionAsync(string desktop, string hypervisor, string proxy)
    {
        var id = NewId("ses");
        await fixture.WithDbAsync(db =>
        {
            db.ViewerSessions.Add(new ViewerSession
            {
                Id = id, Username = "admin", DesktopId = desktop, HypervisorId = hypervisor, Protocol = "browser", Proxy = proxy,
                IssuedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(30),
            });
            return db.SaveChangesAsync();
        });
        return id;
    }

    private static ProxyReportRequest Report(string id, long toClient, DateTimeOffset? ended = null, string? reason = null) =>
        new([new ProxySessionReport(id, "192.0.2.7", DateTimeOffset.UtcNow.AddSeconds(-5), ended, toClient, 10, reason)]);

    [Fact]
    public async Task Open_StoppedDesktop_IsRefusedAndIssuesNothing()
    {
        var (desktop, _) = await SeedStartedAsync(status: DesktopStatuses.Stopped);
        using var admin = fixture.Admin();

        await (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", """{"protocol":"browser"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, VideoProblemCodes.DesktopNotRunning);

        Assert.Equal(0, await SessionsOfAsync(desktop));
    }

    [Fact]
    public async Task Open_AnotherUsersDesktop_IsNotFoundAndIssuesNothing()
    {
        var (desktop, _) = await SeedStartedAsync(owner: "admin");
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(NewId("u")));

        await (await user.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", """{"protocol":"spice"}"""))
            .ProblemAsync(HttpStatusCode.NotFound, ProblemCodes.NotFound);

        Assert.Equal(0, await SessionsOfAsync(desktop));
    }

    [Fact]
    public async Task Open_OwnDesktopOnAHostTheEngineDoesNotHold_IsNotConnected()
    {
        var owner = NewId("u");
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(owner));
        var (desktop, _) = await SeedStartedAsync(owner: owner);

        await (await user.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", """{"protocol":"browser"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.HypervisorNotConnected);

        Assert.Equal(0, await SessionsOfAsync(desktop));
    }

    [Fact]
    public async Task Open_StandaloneHostWithoutCentralProxy_SaysSo()
    {
        var (desktop, _) = await SeedStartedAsync(flavour: HypervisorFlavour.HypervisorStandalone);
        using var admin = fixture.Admin();

        await (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", """{"protocol":"browser"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, VideoProblemCodes.DisplayUnreachable);
    }

    [Theory]
    [InlineData("""{"protocol":"vnc"}""")]
    [InlineData("""{"protocol":1}""")]
    [InlineData("""[]""")]
    public async Task Open_BadBody_IsMalformed(string body)
    {
        var (desktop, _) = await SeedStartedAsync();
        using var admin = fixture.Admin();

        await (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", body)).ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.MalformedJson);
    }

    [Fact]
    public async Task TicketKey_Anonymous_VerifiesTicketsTheControlPlaneSigns()
    {
        using var anonymous = fixture.Anonymous();
        var pem = await anonymous.GetStringAsync("/api/v1/video/ticket-key");
        using var verifier = ECDsa.Create();
        verifier.ImportFromPem(pem);
        var key = fixture.Services.GetRequiredService<TicketSigningKey>();
        var now = DateTimeOffset.UtcNow;
        var text = ViewerTicketCodec.Sign(new ViewerTicket("t", "admin", "d", "h", "host", 5900, ViewerProtocol.Browser, now, now.AddSeconds(20)), key.PrivateKey);

        Assert.DoesNotContain("PRIVATE", pem, StringComparison.Ordinal);
        Assert.True(ViewerTicketCodec.Verify(text, verifier, now).Accepted);
    }

    [Fact]
    public async Task Report_OpenThenCutThenEnded_RecordsTheSessionAndCarriesTheCut()
    {
        var (desktop, hypervisor) = await SeedStartedAsync();
        var id = await SeedSessionAsync(desktop, hypervisor, hypervisor);
        using var admin = fixture.Admin();
        var report = $"/api/v1/video/proxies/{hypervisor}/report";

        var first = await (await admin.PostJsonAsync(report, Report(id, 1000))).OkAsync<ProxyReportResponse>();
        var open = (await (await admin.GetAsync($"/api/v1/viewer-sessions?desktop={desktop}")).OkAsync<List<ViewerSessionResponse>>()).Single();
        await (await admin.PostEmptyAsync($"/api/v1/viewer-sessions/{id}/cut")).OkAsync<ViewerSessionResponse>();
        var second = await (await admin.PostJsonAsync(report, Report(id, 2000))).OkAsync<ProxyReportResponse>();
        var third = await (await admin.PostJsonAsync(report, Report(id, 2500, DateTimeOffset.UtcNow, "client_closed"))).OkAsync<ProxyReportResponse>();
        var ended = (await (await admin.GetAsync($"/api/v1/viewer-sessions?desktop={desktop}")).OkAsync<List<ViewerSessionResponse>>()).Single();

        Assert.Empty(first.Cut);
        Assert.Equal(("open", "192.0.2.7", 1000L), (open.Status, open.ClientAddress, open.BytesToClient));
        Assert.Equal([id], second.Cut);
        Assert.Equal([id], third.Acknowledged);
        Assert.Equal(("ended", "cut", 2500L), (ended.Status, ended.EndReason, ended.BytesToClient));
        await (await admin.PostEmptyAsync($"/api/v1/viewer-sessions/{id}/cut")).ProblemAsync(HttpStatusCode.Conflict, VideoProblemCodes.SessionEnded);
    }

    [Fact]
    public async Task Report_FromAnotherProxy_ChangesNothing()
    {
        var (desktop, hypervisor) = await SeedStartedAsync();
        var id = await SeedSessionAsync(desktop, hypervisor, hypervisor);
        using var admin = fixture.Admin();

        await (await admin.PostJsonAsync("/api/v1/video/proxies/central/report", Report(id, 1000))).OkAsync<ProxyReportResponse>();

        var row = await fixture.WithDbAsync(db => db.ViewerSessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal((ViewerSessionStatuses.Issued, 0L), (row.Status, row.BytesToClient));
    }

    [Fact]
    public async Task Report_DesktopNoLongerStarted_CutsItsSession()
    {
        var (desktop, hypervisor) = await SeedStartedAsync();
        var id = await SeedSessionAsync(desktop, hypervisor, hypervisor);
        using var admin = fixture.Admin();
        var report = $"/api/v1/video/proxies/{hypervisor}/report";
        await (await admin.PostJsonAsync(report, Report(id, 1))).OkAsync<ProxyReportResponse>();
        await fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == desktop).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DesktopStatuses.Stopped)));

        var answer = await (await admin.PostJsonAsync(report, Report(id, 2))).OkAsync<ProxyReportResponse>();

        Assert.Equal([id], answer.Cut);
        Assert.Equal(ViewerSessionLedger.DesktopStopped, await fixture.WithDbAsync(db => db.ViewerSessions.Where(s => s.Id == id).Select(s => s.CutReason).SingleAsync()));
    }

    [Fact]
    public async Task Report_DesktopDeleted_CutsItsSession()
    {
        var (desktop, hypervisor) = await SeedStartedAsync();
        var id = await SeedSessionAsync(desktop, hypervisor, hypervisor);
        using var admin = fixture.Admin();
        var report = $"/api/v1/video/proxies/{hypervisor}/report";
        await (await admin.PostJsonAsync(report, Report(id, 1))).OkAsync<ProxyReportResponse>();
        await fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == desktop).ExecuteDeleteAsync());

        var answer = await (await admin.PostJsonAsync(report, Report(id, 2))).OkAsync<ProxyReportResponse>();

        Assert.Equal([id], answer.Cut);
        Assert.Equal(ViewerSessionLedger.DesktopStopped, await fixture.WithDbAsync(db => db.ViewerSessions.Where(s => s.Id == id).Select(s => s.CutReason).SingleAsync()));
    }

    [Fact]
    public async Task Sessions_PlainUser_IsForbidden()
    {
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(NewId("u")));

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/viewer-sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostJsonAsync("/api/v1/video/proxies/central/report", new ProxyReportRequest([]))).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class ViewerApiTestsOnSqlite(SqliteApiFixture fixture) : ViewerApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class ViewerApiTestsOnPostgres(PostgresApiFixture fixture) : ViewerApiTests(fixture), IClassFixture<PostgresApiFixture>;
