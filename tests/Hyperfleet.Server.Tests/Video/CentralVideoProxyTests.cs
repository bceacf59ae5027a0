using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Core.Video;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Video;

/// <summary><c>serve</c> with the video role (SQLite): its central proxy on loopback ports.</summary>
public sealed class VideoApiFixture : ApiFixture
{
    public override string Provider => "sqlite";

    protected override string Roles => "api,video";

    protected override Task<string?> PrepareDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Hyperfleet:Video:BrowserEndpoint"] = "127.0.0.1:0";
        settings["Hyperfleet:Video:SpiceEndpoint"] = "127.0.0.1:0";
        settings["Hyperfleet:Video:ReportInterval"] = "00:00:00.100";
        settings["Hyperfleet:Video:AllowedPorts"] = "1024-65535"; // the stand-in display listens on an ephemeral port
    }
}

/// <summary>
/// The central proxy inside <c>serve</c>: it admits only the registry's standalone hosts, checks tickets with the control
/// plane's key, and its sessions land in <c>viewer_sessions</c> (open, bytes, cut by an admin, ended).
/// </summary>
public sealed class CentralVideoProxyTests(VideoApiFixture fixture) : IClassFixture<VideoApiFixture>
{
    [Fact]
    public async Task Session_ThroughTheCentralProxy_IsRecordedAndCutByTheAdmin()
    {
        using var display = new TcpListener(IPAddress.Loopback, 0);
        display.Start();
        var port = ((IPEndPoint)display.LocalEndpoint).Port;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var id = "s-" + suffix;
        var pool = "p-" + suffix;
        await fixture.WithDbAsync(db =>
        {
            db.Hypervisors.Add(new Hypervisor { Id = "hv-" + suffix, Hostname = "127.0.0.1", Flavour = HypervisorFlavour.HypervisorStandalone });
            db.StoragePools.Add(new StoragePool { Id = pool, BasesPath = "/b", TemplatesPath = "/t", GroupsPath = "/g", MediaPath = "/m", VolatilePath = "/v" });
            db.Templates.Add(new Template { Id = "t-" + suffix, Kind = TemplateKinds.Base, DiskPath = "/b/x", PoolId = pool, Status = TemplateStatuses.Ready });
            db.Desktops.Add(new Desktop { Id = "d-" + suffix, TemplateId = "t-" + suffix, PoolId = pool, DiskPath = "/g/x", Status = DesktopStatuses.Started, HypervisorId = "hv-" + suffix, VncPort = port, SpicePort = port + 1 });
            db.ViewerSessions.Add(new ViewerSession
            {
                Id = id, Username = "admin", DesktopId = "d-" + suffix, HypervisorId = "hv-" + suffix, Protocol = "browser", Proxy = ViewerService.CentralProxy,
                IssuedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(30),
            });
            return db.SaveChangesAsync();
        });
        var key = fixture.Services.GetRequiredService<TicketSigningKey>();
        var proxy = fixture.Services.GetRequiredService<ICentralVideoProxy>();
        var now = DateTimeOffset.UtcNow;
        var ticket = ViewerTicketCodec.Sign(new ViewerTicket(id, "admin", "d-" + suffix, "hv-" + suffix, "127.0.0.1", port, ViewerProtocol.Browser, now, now.AddSeconds(30)), key.PrivateKey);

        // wss with the control plane's certificate: trusted through the CA's pin, as a viewer that installed the CA would.
        var certificates = fixture.Services.GetRequiredService<ControlPlaneCertificates>();
        using var ca = certificates.CaCertificate;
        string? presented = null;
        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            presented = certificate?.Subject;
            return PinnedCertificateValidation.Validate(certificate, chain, errors, certificates.CaPin, [ca]);
        };
        Assert.True(proxy.BrowserTls);
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{proxy.BrowserPort}/127.0.0.1/{port}/{ticket}"), CancellationToken.None);
        Assert.Equal(certificates.ServerCertificate.Subject, presented);
        using var accepted = await display.AcceptTcpClientAsync();
        await accepted.GetStream().WriteAsync("RFB 003.008\n"u8.ToArray());
        var open = await SessionAsync(id, s => s.Status == ViewerSessionStatuses.Open && s.BytesToClient == 12);
        using var admin = fixture.Admin();
        await (await admin.PostEmptyAsync($"/api/v1/viewer-sessions/{id}/cut")).OkAsync<ViewerSessionResponse>();
        var ended = await SessionAsync(id, s => s.Status == ViewerSessionStatuses.Ended);

        Assert.Equal("127.0.0.1", open.ClientAddress);
        Assert.Equal(ViewerSessionLedger.CutByAdmin, ended.EndReason);
    }

    private async Task<ViewerSession> SessionAsync(string id, Func<ViewerSession, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        ViewerSession? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await fixture.WithDbAsync(db => db.ViewerSessions.AsNoTracking().SingleAsync(s => s.Id == id));
            if (condition(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"session {id} stayed {last?.Status} ({last?.BytesToClient} bytes)");
    }
}
