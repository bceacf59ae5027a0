using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hyperfleet.BrowserTests;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Certificates;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>What the viewer tests on the testbed do alike, whichever proxy carries the video.</summary>
public static class ViewerSteps
{
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);

    /// <summary>Adds <paramref name="host"/> (when missing) with <paramref name="addJson"/>, waits for Online, and starts a new desktop of <paramref name="owner"/> there.</summary>
    public static async Task<DesktopResponse> StartedDesktopAsync(HttpClient admin, TestbedFixture testbed, ITestOutputHelper output,
        string host, string owner, string addJson)
    {
        if ((await admin.GetAsync($"/api/v1/hypervisors/{host}")).StatusCode == HttpStatusCode.NotFound)
        {
            await admin.InstallKeysAsync(testbed, host);
            await admin.AddAsync(host, testbed.Ip(host), addJson);
            await admin.PostEmptyAsync($"/api/v1/hypervisors/{host}/enable");
        }
        await admin.WaitForAsync<HypervisorResponse>(output, $"/api/v1/hypervisors/{host}", h => h.Status == HypervisorStatus.Online, Slow, "Online");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var made = await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"vbase-{{suffix}}","size_gib":1,"memory_mib":128,"vcpus":1}""");
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/vbase-{suffix}", t => t.Status == TemplateStatuses.Ready, Slow, "base Ready");
        var id = "view-" + suffix;
        await (await admin.PostRawAsync("/api/v1/desktops",
                $$"""{"id":"{{id}}","name":"Lab desktop {{suffix}}","template":"vbase-{{suffix}}","owner":"{{owner}}","forced_hypervisor":"{{host}}"}"""))
            .OkAsync<DesktopResponse>(HttpStatusCode.Created);
        await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Stopped, Slow, "Stopped (overlay made)");
        await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
        var started = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status != DesktopStatuses.Starting, Slow, "started");
        Assert.True(started.Status == DesktopStatuses.Started, started.StatusDetail);
        Assert.Equal(host, started.Hypervisor);
        return started;
    }

    public static async Task<ViewerResponse> ViewerAsync(HttpClient client, string desktop, string protocol) =>
        await (await client.PostRawAsync($"/api/v1/desktops/{desktop}/viewer", $$"""{"protocol":"{{protocol}}"}""")).OkAsync<ViewerResponse>();

    /// <summary>The session <paramref name="id"/> once it meets <paramref name="condition"/> (20 s at most).</summary>
    public static async Task<ViewerSessionResponse> SessionAsync(HttpClient admin, string id, Func<ViewerSessionResponse, bool> condition, string because)
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
        throw new TimeoutException($"viewer session {id} never became {because}; last seen: {last}");
    }

    /// <summary>The newest session of <paramref name="desktop"/> by <paramref name="protocol"/> that meets <paramref name="condition"/>.</summary>
    public static async Task<ViewerSessionResponse> NewestSessionAsync(HttpClient admin, string desktop, ViewerProtocol protocol,
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

    /// <summary>The user's Chromium, trusting the control plane's CA (unless null), logged in as <paramref name="user"/>.</summary>
    public static async Task<AdminBrowser> BrowserAsync(Uri baseAddress, string? caPem, string user)
    {
        var chromium = await AdminBrowser.LaunchAsync(baseAddress, TimeSpan.FromSeconds(30), trustedCaPem: caPem);
        // Logged in by the browser itself (its TLS, its trust store, its cookie jar), as the login page does.
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync("/");
        var status = await page.EvaluateAsync<int>("""
            async ([username, password]) => (await fetch('/api/v1/auth/login', { method: 'POST',
              headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) })).status
            """, new[] { user, "user-password-1" });
        Assert.Equal(200, status);
        await page.CloseAsync();
        return chromium;
    }

    /// <summary>Opens the viewer page of <paramref name="desktop"/>; returns once noVNC draws more than a few hundred lit pixels (SeaBIOS's text).</summary>
    public static async Task<IPage> OpenViewerPageAsync(AdminBrowser chromium, string desktop, string screenshot)
    {
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync($"/viewer.html?desktop={desktop}");
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
        await AdminBrowser.ScreenshotAsync(page, screenshot);
        Assert.True(lit >= 500, $"the canvas stayed dark ({lit} lit pixels)");
        return page;
    }

    /// <summary>
    /// remote-viewer under Xvfb opens <paramref name="vv"/> and shows the guest's screen (SeaBIOS: black with light text);
    /// returned still open (its session stays open until it is disposed).
    /// </summary>
    public static async Task<RemoteViewerScreen> RemoteViewerShowsTheGuestAsync(string desktop, string vv, string screenshot, ITestOutputHelper output)
    {
        var path = Path.Combine(AdminBrowser.ScreenshotDir, desktop + ".vv");
        await File.WriteAllTextAsync(path, vv);
        var viewer = await RemoteViewerScreen.OpenAsync(path);
        // The guest's screen replaces remote-viewer's grey "connecting" page.
        var (mean, spread) = (1.0, 0.0);
        for (var i = 0; i < 60 && !(mean < 0.12 && spread > 0.02); i++)
        {
            await Task.Delay(500);
            (mean, spread) = await viewer.ScreenshotAsync(Path.Combine(AdminBrowser.ScreenshotDir, screenshot + ".png"));
        }
        output.WriteLine(viewer.Output);
        if (!(mean < 0.12 && spread > 0.02))
        {
            await viewer.DisposeAsync();
            Assert.Fail($"remote-viewer never showed the guest's screen (centre mean {mean}, stddev {spread})");
        }
        return viewer;
    }

    /// <summary>
    /// A WebSocket upgrade by hand (over TLS for https://, trusting certificates that chain to <paramref name="ca"/>);
    /// returns the refusal's status line and body (the proxy's stable code).
    /// </summary>
    public static async Task<string> UpgradeRefusalAsync(string url, X509Certificate2? ca = null)
    {
        var uri = new Uri(url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        Stream stream = tcp.GetStream();
        if (uri.Scheme is "https" or "wss")
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
                ca is not null && PinnedCertificateValidation.Validate(certificate, chain, errors, SpkiPin.Of(ca), [ca]));
            await tls.AuthenticateAsClientAsync(uri.Host);
            stream = tls;
        }
        await using (stream)
        {
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

    /// <summary>A ClientWebSocket that trusts certificates chaining to <paramref name="ca"/> with the right name.</summary>
    public static System.Net.WebSockets.ClientWebSocket WebSocketTrusting(X509Certificate2 ca)
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            PinnedCertificateValidation.Validate(certificate, chain, errors, SpkiPin.Of(ca), [ca]);
        return socket;
    }
}
