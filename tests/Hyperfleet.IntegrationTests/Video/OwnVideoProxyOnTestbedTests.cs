using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Certificates;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Video;

/// <summary>
/// Flavour <c>hypervisor</c> (seed 002): the host runs its own video proxy, <c>hyperfleet video-proxy</c>, inside its
/// namespaces as it would under systemd. It gets its certificate from the control plane's CA with the hypervisor's own
/// credential (the key made on the host), reaches the displays on 127.0.0.1 (not reachable from the network), and a
/// user sees the desktop through it in the browser and in remote-viewer; refusals hold; the admin cuts a session.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class OwnVideoProxyOnTestbedTests(TestbedFixture testbed, OwnProxyServerFixture server, ITestOutputHelper output)
    : IClassFixture<OwnProxyServerFixture>
{
    private const string Host = "hv2";

    [Fact]
    public async Task OwnProxy_OnAHypervisorFlavourHost_CarriesTheUsersBrowserAndSpiceSessions()
    {
        using var admin = server.Admin();
        var carol = "carol-" + Guid.NewGuid().ToString("N")[..4];
        using var carolApi = server.WithToken(await server.CreateUserTokenAsync(carol));
        var desktop = await ViewerSteps.StartedDesktopAsync(admin, testbed, output, Host, carol, ""","flavour":"hypervisor" """);
        var caPem = await (await admin.GetAsync("/api/v1/ca")).Content.ReadAsStringAsync();
        using var ca = X509Certificate2.CreateFromPem(caPem);
        var hostIp = testbed.Ip(Host);
        var work = Directory.CreateTempSubdirectory("hyperfleet-own-proxy-").FullName;
        HostProcess? proxy = null;
        try
        {
            // The display listens on the host's loopback only: nobody on the network reaches it without the proxy.
            await Assert.ThrowsAnyAsync<SocketException>(() => RfbProbe.TryAsync(hostIp, desktop.VncPort!.Value, null));

            // The admin gives the host its credential; the host's proxy starts with it and the CA's pin.
            var credential = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{Host}/credential"))
                .OkAsync<HypervisorCredentialResponse>(HttpStatusCode.Created);
            var credentialFile = Path.Combine(work, "credential");
            await File.WriteAllTextAsync(credentialFile, credential.Credential);
            File.SetUnixFileMode(credentialFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var dataDir = Path.Combine(work, "video-proxy");
            proxy = HostProcess.Start(testbed, Host, null, "dotnet", Path.Combine(AppContext.BaseDirectory, "hyperfleet.dll"), "video-proxy",
                "--server", server.HttpsAddress.ToString(), "--ca-pin", SpkiPin.Of(ca), "--hypervisor", Host,
                "--credential-file", credentialFile, "--data-dir", dataDir);
            await proxy.WaitForOutputAsync($"Video proxy of {Host}", TimeSpan.FromSeconds(60));

            // Its key was made on the host (0600, never sent: the control plane saw a CSR); the certificate it serves on
            // 443 chains to the CA and names the host.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "video-proxy.key")));
            var served = await PresentedCertificateAsync(hostIp, 443, ca);
            Assert.Contains(hostIp, SubjectAltNames.Of(served));
            var issued = await (await admin.GetAsync("/api/v1/certificates")).OkAsync<List<CertificateResponse>>();
            Assert.Contains(issued, c => c.Hypervisor == Host && c.Kind == CertificateKinds.VideoProxy && c.SpkiSha256 == SpkiPin.Of(served));

            // Refusals at the host's proxy: only its own display host, the allowed ports, and a valid ticket for exactly that.
            var browser = await ViewerSteps.ViewerAsync(carolApi, desktop.Id, "browser");
            Assert.StartsWith($"wss://{hostIp}:443/{hostIp}/{desktop.VncPort}/", browser.Url, StringComparison.Ordinal);
            var ticket = browser.Url!.Split('/')[^1];
            foreach (var (path, code) in new[]
            {
                ($"/{testbed.Ip("hv1")}/{desktop.VncPort}/{ticket}", VideoProblemCodes.HostNotAllowed),
                ($"/{hostIp}/22/{ticket}", VideoProblemCodes.PortNotAllowed),
                ($"/{hostIp}/{desktop.SpicePort}/{ticket}", VideoProblemCodes.TicketMismatch),
                ($"/{hostIp}/{desktop.VncPort}/{ticket[..^4]}AAAA", VideoProblemCodes.TicketForged),
            })
            {
                Assert.Contains(code, await ViewerSteps.UpgradeRefusalAsync($"https://{hostIp}:443{path}", ca));
            }

            // The user's browser loads the page from the control plane over https and reaches the host's proxy over wss.
            await using var chromium = await ViewerSteps.BrowserAsync(server.HttpsAddress, caPem, carol);
            var page = await ViewerSteps.OpenViewerPageAsync(chromium, desktop.Id, "viewer-11-browser-own-proxy");
            var open = await ViewerSteps.NewestSessionAsync(admin, desktop.Id, ViewerProtocol.Browser, s => s.Status == "open" && s.BytesToClient > 0, "open with bytes");
            Assert.Equal((carol, Host, Host), (open.User, open.Hypervisor, open.Proxy));

            // The admin cuts it: the host's proxy learns it from its next report and closes the page's connection.
            await (await admin.PostEmptyAsync($"/api/v1/viewer-sessions/{open.Id}/cut")).OkAsync<ViewerSessionResponse>();
            await Assertions.Expect(page.Locator("body[data-connected='false']")).ToHaveCountAsync(1);
            Assert.Equal("cut", (await ViewerSteps.SessionAsync(admin, open.Id, s => s.Status == "ended", "ended")).EndReason);

            // remote-viewer through the host's CONNECT listener on port 80.
            var spice = await ViewerSteps.ViewerAsync(carolApi, desktop.Id, "spice");
            Assert.Contains($"proxy=http://ticket:", spice.Vv, StringComparison.Ordinal);
            Assert.Contains($"@{hostIp}:80", spice.Vv, StringComparison.Ordinal);
            await using var viewer = await ViewerSteps.RemoteViewerShowsTheGuestAsync(desktop.Id, spice.Vv!, "viewer-12-remote-viewer-own-proxy", output);
            await ViewerSteps.SessionAsync(admin, spice.SessionId, s => s.Status == "open" && s.Proxy == Host, "open through hv2's proxy");

            // systemd stops the proxy: its sessions are cut and reported ended before it exits.
            Assert.Equal(0, await proxy.TerminateAsync(TimeSpan.FromSeconds(30)));
            var ended = await ViewerSteps.SessionAsync(admin, spice.SessionId, s => s.Status == "ended", "ended with the proxy");
            Assert.Equal("proxy_stopping", ended.EndReason);
            await chromium.CloseAsync(page);
        }
        finally
        {
            if (proxy is not null)
            {
                output.WriteLine(proxy.Output);
                await proxy.DisposeAsync();
            }
            await admin.PostEmptyAsync($"/api/v1/desktops/{desktop.Id}/stop?force=true");
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The certificate a TLS server presents, accepted only if it chains to <paramref name="ca"/> and names <paramref name="host"/>.</summary>
    private static async Task<X509Certificate2> PresentedCertificateAsync(string host, int port, X509Certificate2 ca)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, chain, errors) =>
            PinnedCertificateValidation.Validate(certificate, chain, errors, SpkiPin.Of(ca), [ca]));
        await tls.AuthenticateAsClientAsync(host);
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }
}
