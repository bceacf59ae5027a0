using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Hyperfleet.BrowserTests;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Contracts.Video;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>
/// A desktop's user sees its screen, as a new user would: in the browser (noVNC through the central proxy) and in
/// remote-viewer (SPICE through the CONNECT proxy), on a real hypervisor-standalone testbed host. The display needs
/// the password the ticket came with, every refusal holds, and the admin sees the sessions and cuts one.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class ViewerOnTestbedTests(TestbedFixture testbed, VideoServerFixture server, ITestOutputHelper output)
    : IClassFixture<VideoServerFixture>
{
    private const string Host = "hv1";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);

    private async Task<DesktopResponse> StartedDesktopAsync(HttpClient admin, string owner)
    {
        if ((await admin.GetAsync($"/api/v1/hypervisors/{Host}")).StatusCode == HttpStatusCode.NotFound)
        {
            await admin.InstallKeysAsync(testbed, Host);
            await admin.AddAsync(Host, testbed.Ip(Host), ""","flavour":"hypervisor-standalone" """);
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{Host}/enable");
        }
        await admin.WaitForAsync<HypervisorResponse>(output, $"/api/v1/hypervisors/{Host}", h => h.Status == HypervisorStatus.Online, Slow, "Online");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var made = await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"vbase-{{suffix}}","size_gib":1,"memory_mib":128,"vcpus":1}""");
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/vbase-{suffix}", t => t.Status == TemplateStatuses.Ready, Slow, "base Ready");
        var id = "view-" + suffix;
        await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{id}}","name":"Lab desktop {{suffix}}","template":"vbase-{{suffix}}","owner":"{{owner}}"}"""))
            .OkAsync<DesktopResponse>(HttpStatusCode.Created);
        await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped (overlay made)");
        await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
        var started = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status != DesktopStatuses.Starting, Slow, "started");
        Assert.True(started.Status == DesktopStatuses.Started, started.StatusDetail);
        return started;
    }

    private static async Task<ViewerResponse> ViewerAsync(HttpClient client, string desktop, string protocol) =>
        await (await client.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", $$"""{"protocol":"{{protocol}}"}""")).OkAsync<ViewerResponse>();

    /// <summary>The newest session of <paramref name="desktop"/> by <paramref name="protocol"/> that meets <paramref name="condition"/>.</summary>
    private static async Task<ViewerSessionResponse> NewestSessionAsync(HttpClient admin, string desktop, ViewerProtocol protocol,
        Func<ViewerSessionResponse, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var sessions = await (await admin.GetAsync($"/api/v1/viewer-sessions?desktop={desktop}")).OkAsync<List<ViewerSessionResponse>>();
            if (sessions.FirstOrDefault(s => s.Protocol == protocol && condition(s)) is { } found)
            {
                return found;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"no {protocol} session of {desktop} became {because}");
    }

    private async Task<ViewerSessionResponse> SessionAsync(HttpClient admin, string id, Func<ViewerSessionResponse, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        ViewerSessionResponse? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var sessions = await (await admin.GetAsync("/api/v1/viewer-sessions?limit=1000")).OkAsync<List<ViewerSessionResponse>>();
            last = sessions.SingleOrDefault(s => s.Id == id);
            if (last is not null && condition(last))
            {
                return last;
            }
            await Task.Delay(250);
        }
        output.WriteLine($"session {id} last seen: {last}");
        var carried = (server.Services.GetService(typeof(Hyperfleet.Server.Video.CentralVideoProxy)) as Hyperfleet.Server.Video.CentralVideoProxy)?.Sessions?.Open;
        output.WriteLine("the central proxy carries: " + string.Join(", ", carried?.Select(s => $"{s.Ticket.Id} {s.BytesToClient}B") ?? []));
        throw new TimeoutException($"viewer session {id} never became {because}");
    }

    [Fact]
    public async Task Viewer_UserOpensOwnDesktopInBrowserAndRemoteViewer_SeesItsScreenAndAdminCutsTheSession()
    {
        using var admin = server.Admin();
        var alice = "alice-" + Guid.NewGuid().ToString("N")[..4];
        using var aliceApi = server.WithToken(await server.CreateUserTokenAsync(alice));
        using var bobApi = server.WithToken(await server.CreateUserTokenAsync("bob-" + Guid.NewGuid().ToString("N")[..4]));
        var desktop = await StartedDesktopAsync(admin, alice);
        var hostIp = testbed.Ip(Host);
        try
        {
            // Another user is never given a ticket for it (nor told it exists).
            await (await bobApi.PostRawAsync($"/api/v1/desktops/{desktop.Id}/viewer", """{"protocol":"browser"}"""))
                .ProblemAsync(HttpStatusCode.NotFound, ProblemCodes.NotFound);

            // The owner asks: from now on the display wants that password, even from the hypervisor's own network.
            var browser = await ViewerAsync(aliceApi, desktop.Id, "browser");
            Assert.Equal(8, browser.Password.Length);
            var (offered, wrong) = await RfbProbe.TryAsync(hostIp, desktop.VncPort!.Value, "wrongpw1");
            Assert.Equal([RfbProbe.SecurityVncAuth], offered);
            Assert.False(wrong);
            Assert.True((await RfbProbe.TryAsync(hostIp, desktop.VncPort.Value, browser.Password)).Accepted);

            // The central proxy refuses, with its code, everything but the exact host, port and ticket.
            var ticket = browser.Url!.Split('/')[^1];
            var proxyBase = $"http://127.0.0.1:{server.Proxy.BrowserPort}";
            foreach (var (path, code) in new[]
            {
                ($"/10.203.0.250/{desktop.VncPort}/{ticket}", VideoProblemCodes.HostNotAllowed),
                ($"/{hostIp}/22/{ticket}", VideoProblemCodes.PortNotAllowed),
                ($"/{hostIp}/{desktop.SpicePort}/{ticket}", VideoProblemCodes.TicketMismatch),
                ($"/{hostIp}/{desktop.VncPort}/{ticket[..^4]}AAAA", VideoProblemCodes.TicketForged),
            })
            {
                Assert.Contains(code, await UpgradeRefusalAsync(proxyBase + path));
            }

            // In the browser: noVNC through the central proxy shows the desktop's SeaBIOS screen.
            await using var chromium = await AdminBrowser.LaunchAsync(server.BaseAddress, TimeSpan.FromSeconds(30));
            var login = await chromium.Context.APIRequest.PostAsync("/api/v1/auth/login", new()
            {
                DataObject = new { username = alice, password = "user-password-1" },
            });
            Assert.True(login.Ok, await login.TextAsync());
            var page = await chromium.Context.NewPageAsync();
            await page.GotoAsync($"/viewer.html?desktop={desktop.Id}");
            await Assertions.Expect(page.Locator("body[data-connected='true']")).ToHaveCountAsync(1);
            var lit = 0;
            for (var i = 0; i < 60 && lit < 500; i++)
            {
                await Task.Delay(500);
                lit = await page.EvaluateAsync<int>("""
                    () => { const c = document.querySelector('#viewer-screen canvas'); if (!c || !c.width) return 0;
                      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 60) n++; return n; }
                    """);
            }
            await AdminBrowser.ScreenshotAsync(page, "viewer-01-browser-central-proxy");
            Assert.True(lit >= 500, $"the canvas stayed dark ({lit} lit pixels)");

            // The page asked for its own ticket: that session is open, with the display's bytes, from the browser's address.
            var open = await NewestSessionAsync(admin, desktop.Id, ViewerProtocol.Browser, s => s.Status == "open" && s.BytesToClient > 0, "open with bytes");
            Assert.Equal((alice, Host, "central", "127.0.0.1"), (open.User, open.Hypervisor, open.Proxy, open.ClientAddress));

            // The test's own ticket opens once; the same ticket again is a replay.
            using (var once = new System.Net.WebSockets.ClientWebSocket())
            {
                await once.ConnectAsync(new Uri(browser.Url), CancellationToken.None);
                Assert.Contains(VideoProblemCodes.TicketReplayed, await UpgradeRefusalAsync(browser.Url.Replace("ws://", "http://", StringComparison.Ordinal)));
            }

            // The admin cuts the page's session: the page says so.
            await (await admin.PostEmptyAsync($"/api/v1/viewer-sessions/{open.Id}/cut")).OkAsync<ViewerSessionResponse>();
            await Assertions.Expect(page.Locator("body[data-connected='false']")).ToHaveCountAsync(1);
            await AdminBrowser.ScreenshotAsync(page, "viewer-02-cut");
            var cut = await SessionAsync(admin, open.Id, s => s.Status == "ended", "ended");
            Assert.Equal("cut", cut.EndReason);

            // remote-viewer opens the .vv through the CONNECT proxy and shows the display.
            var spice = await ViewerAsync(aliceApi, desktop.Id, "spice");
            var vv = Path.Combine(AdminBrowser.ScreenshotDir, desktop.Id + ".vv");
            await File.WriteAllTextAsync(vv, spice.Vv);
            await using var viewer = await RemoteViewerScreen.OpenAsync(vv);
            // The guest's screen (SeaBIOS: black with light text) replaces remote-viewer's grey "connecting" page.
            var (mean, spread) = (1.0, 0.0);
            for (var i = 0; i < 60 && !(mean < 0.12 && spread > 0.02); i++)
            {
                await Task.Delay(500);
                (mean, spread) = await viewer.ScreenshotAsync(Path.Combine(AdminBrowser.ScreenshotDir, "viewer-03-remote-viewer.png"));
            }
            output.WriteLine(viewer.Output);
            Assert.True(mean < 0.12 && spread > 0.02, $"remote-viewer never showed the guest's screen (centre mean {mean}, stddev {spread})");
            var spiceSession = await SessionAsync(admin, spice.SessionId, s => s.Status == "open", "open");
            Assert.Equal(ViewerProtocol.Spice, spiceSession.Protocol);

            // The desktop stops: its session is cut with it.
            await (await admin.PostEmptyAsync($"/api/v1/desktops/{desktop.Id}/stop?force=true")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
            var ended = await SessionAsync(admin, spice.SessionId, s => s.Status == "ended", "ended with the desktop");
            Assert.NotNull(ended.EndReason);
            await chromium.CloseAsync(page);
        }
        finally
        {
            await admin.PostEmptyAsync($"/api/v1/desktops/{desktop.Id}/stop?force=true");
        }
    }

    /// <summary>A WebSocket upgrade by hand; returns the refusal's status line and body (the proxy's stable code).</summary>
    private static async Task<string> UpgradeRefusalAsync(string url)
    {
        var uri = new Uri(url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (text.ToString().Contains("\"code\"", StringComparison.Ordinal) && text.ToString().Contains('}', StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        Assert.DoesNotContain("101 Switching", text.ToString(), StringComparison.Ordinal);
        return text.ToString();
    }
}
