using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Video;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>
/// A desktop's user sees its screen, as a new user would: in the browser (noVNC through the central proxy over wss) and
/// in remote-viewer (SPICE through the CONNECT proxy), on a real hypervisor-standalone testbed host. The display needs
/// the password the ticket came with, every refusal holds, and the admin sees the sessions and cuts one.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class ViewerOnTestbedTests(TestbedFixture testbed, VideoServerFixture server, ITestOutputHelper output)
    : IClassFixture<VideoServerFixture>
{
    private const string Host = "hv1";

    [Fact]
    public async Task Viewer_UserOpensOwnDesktopInBrowserAndRemoteViewer_SeesItsScreenAndAdminCutsTheSession()
    {
        using var admin = server.Admin();
        var alice = "alice-" + Guid.NewGuid().ToString("N")[..4];
        using var aliceApi = server.WithToken(await server.CreateUserTokenAsync(alice));
        using var bobApi = server.WithToken(await server.CreateUserTokenAsync("bob-" + Guid.NewGuid().ToString("N")[..4]));
        var desktop = await ViewerSteps.StartedDesktopAsync(admin, testbed, output, Host, alice, ""","flavour":"hypervisor-standalone" """);
        using var ca = X509Certificate2.CreateFromPem(await (await admin.GetAsync("/api/v1/ca")).Content.ReadAsStringAsync());
        var hostIp = testbed.Ip(Host);
        try
        {
            // Another user is never given a ticket for it (nor told it exists).
            await (await bobApi.PostRawAsync($"/api/v1/desktops/{desktop.Id}/viewer", """{"protocol":"browser"}"""))
                .ProblemAsync(HttpStatusCode.NotFound, ProblemCodes.NotFound);

            // The owner asks: from now on the display wants that password, even from the hypervisor's own network.
            var browser = await ViewerSteps.ViewerAsync(aliceApi, desktop.Id, "browser");
            Assert.Equal(8, browser.Password.Length);
            Assert.StartsWith("wss://", browser.Url, StringComparison.Ordinal);
            var (offered, wrong) = await RfbProbe.TryAsync(hostIp, desktop.VncPort!.Value, "wrongpw1");
            Assert.Equal([RfbProbe.SecurityVncAuth], offered);
            Assert.False(wrong);
            Assert.True((await RfbProbe.TryAsync(hostIp, desktop.VncPort.Value, browser.Password)).Accepted);

            // The central proxy refuses, with its code, everything but the exact host, port and ticket.
            var ticket = browser.Url!.Split('/')[^1];
            var proxyBase = $"https://127.0.0.1:{server.Proxy.BrowserPort}";
            foreach (var (path, code) in new[]
            {
                ($"/10.203.0.250/{desktop.VncPort}/{ticket}", VideoProblemCodes.HostNotAllowed),
                ($"/{hostIp}/22/{ticket}", VideoProblemCodes.PortNotAllowed),
                ($"/{hostIp}/{desktop.SpicePort}/{ticket}", VideoProblemCodes.TicketMismatch),
                ($"/{hostIp}/{desktop.VncPort}/{ticket[..^4]}AAAA", VideoProblemCodes.TicketForged),
            })
            {
                Assert.Contains(code, await ViewerSteps.UpgradeRefusalAsync(proxyBase + path, ca));
            }

            // A browser that does not trust the CA yet cannot open the wss connection: the page says why and links the
            // proxy's own page, where the user can look at (and accept) its certificate.
            await using (var untrusting = await ViewerSteps.BrowserAsync(server.BaseAddress, caPem: null, alice))
            {
                var refused = await untrusting.Context.NewPageAsync();
                await refused.GotoAsync($"/viewer.html?desktop={desktop.Id}");
                var status = refused.Locator("#viewer-status[data-tone='error']");
                await Assertions.Expect(status).ToContainTextAsync("does not trust its certificate");
                await Assertions.Expect(status.Locator("a")).ToHaveAttributeAsync("href", $"https://127.0.0.1:{server.Proxy.BrowserPort}/");
                await Hyperfleet.BrowserTests.AdminBrowser.ScreenshotAsync(refused, "viewer-00-untrusted-certificate");
            }

            // In the browser (trusting the control plane's CA, as a user who installed it would): noVNC through the
            // central proxy over wss shows the desktop's SeaBIOS screen.
            await using var chromium = await ViewerSteps.BrowserAsync(server.BaseAddress, ca.ExportCertificatePem(), alice);
            var page = await ViewerSteps.OpenViewerPageAsync(chromium, desktop.Id, "viewer-01-browser-central-proxy");

            // The page asked for its own ticket: that session is open, with the display's bytes, from the browser's address.
            var open = await ViewerSteps.NewestSessionAsync(admin, desktop.Id, ViewerProtocol.Browser, s => s.Status == "open" && s.BytesToClient > 0, "open with bytes");
            Assert.Equal((alice, Host, "central", "127.0.0.1"), (open.User, open.Hypervisor, open.Proxy, open.ClientAddress));

            // The test's own ticket opens once; the same ticket again is a replay.
            using (var once = ViewerSteps.WebSocketTrusting(ca))
            {
                await once.ConnectAsync(new Uri(browser.Url), CancellationToken.None);
                Assert.Contains(VideoProblemCodes.TicketReplayed,
                    await ViewerSteps.UpgradeRefusalAsync(browser.Url.Replace("wss://", "https://", StringComparison.Ordinal), ca));
            }

            // The admin cuts the page's session: the page says so.
            await (await admin.PostEmptyAsync($"/api/v1/viewer-sessions/{open.Id}/cut")).OkAsync<ViewerSessionResponse>();
            await Assertions.Expect(page.Locator("body[data-connected='false']")).ToHaveCountAsync(1);
            await Hyperfleet.BrowserTests.AdminBrowser.ScreenshotAsync(page, "viewer-02-cut");
            var cut = await ViewerSteps.SessionAsync(admin, open.Id, s => s.Status == "ended", "ended");
            Assert.Equal("cut", cut.EndReason);

            // remote-viewer opens the .vv through the CONNECT proxy and shows the display.
            var spice = await ViewerSteps.ViewerAsync(aliceApi, desktop.Id, "spice");
            await using var viewer = await ViewerSteps.RemoteViewerShowsTheGuestAsync(desktop.Id, spice.Vv!, "viewer-03-remote-viewer", output);
            var spiceSession = await ViewerSteps.SessionAsync(admin, spice.SessionId, s => s.Status == "open", "open");
            Assert.Equal(ViewerProtocol.Spice, spiceSession.Protocol);

            // The desktop stops: its session is cut with it.
            await (await admin.PostEmptyAsync($"/api/v1/desktops/{desktop.Id}/stop?force=true")).OkAsync<Contracts.Desktops.DesktopResponse>(HttpStatusCode.Accepted);
            var ended = await ViewerSteps.SessionAsync(admin, spice.SessionId, s => s.Status == "ended", "ended with the desktop");
            Assert.NotNull(ended.EndReason);
            await chromium.CloseAsync(page);
        }
        finally
        {
            await admin.PostEmptyAsync($"/api/v1/desktops/{desktop.Id}/stop?force=true");
        }
    }
}
