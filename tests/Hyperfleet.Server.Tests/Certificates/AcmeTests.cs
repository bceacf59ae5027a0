using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hyperfleet.Server.Tests.Certificates;

/// <summary>
/// "Letsencrypt support": with a domain set, serve orders its certificate over ACME (certbot against a real ACME server,
/// Debian's pebble), serves it on https and on the central video proxy, and orders a new one when it nears expiry.
/// </summary>
public sealed class AcmeTests
{
    private const string Domain = "vdi.hyperfleet.test";

    [Fact]
    public async Task Serve_WithAnAcmeDomain_ServesTheOrderedCertificateAndRenewsItWhenDue()
    {
        await using var pebble = await Pebble.StartAsync();
        // Pebble does not backdate notBefore as Let's Encrypt does (by an hour): the control plane's clock runs a little ahead.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));
        await using var fixture = new TlsApiFixture(new()
        {
            ["Hyperfleet:Tls:Acme:Domain"] = Domain,
            ["Hyperfleet:Tls:Acme:Email"] = "admin@hyperfleet.test",
            ["Hyperfleet:Tls:Acme:Directory"] = pebble.Directory.ToString(),
            ["Hyperfleet:Tls:Acme:HttpPort"] = pebble.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hyperfleet:Tls:Acme:CaBundle"] = pebble.CaBundle,
        }, services => services.AddSingleton<TimeProvider>(time));
        await ((IAsyncLifetime)fixture).InitializeAsync();

        // The https listener presents what pebble issued for the domain, chained to pebble's root.
        using var root = await pebble.RootAsync();
        var first = await PresentedAsync(fixture.HttpsAddress, root);
        Assert.Contains(Domain, SubjectAltNames.Of(first));
        var certificates = fixture.Services.GetRequiredService<ControlPlaneCertificates>();
        Assert.StartsWith("ACME", certificates.ServerOrigin, StringComparison.Ordinal);
        var key = fixture.Services.GetRequiredService<AcmeCertbot>().KeyFile;
        Assert.StartsWith(fixture.DataDir, key, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key) & (UnixFileMode)0b111_111_111);
        using (var admin = fixture.Admin())
        {
            var listed = await (await admin.GetAsync("/api/v1/certificates")).OkAsync<List<CertificateResponse>>();
            Assert.Contains(listed, c => c.Kind == CertificateKinds.Server && c.SubjectAltNames.Contains(Domain));
        }

        // Ten days before it expires, the watch's own tick orders a new one; the next connection gets it, with no restart.
        time.SetUtcNow(first.NotAfter.ToUniversalTime().AddDays(-10));
        await Eventually.TrueAsync(() => fixture.WithDbAsync(db => db.HypervisorEvents.AnyAsync(e => e.Kind == "certificate_renewed")),
            because: "the expiry watch did not renew the ACME certificate", timeout: TimeSpan.FromSeconds(90));
        var second = await PresentedAsync(fixture.HttpsAddress, root);
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.Contains(Domain, SubjectAltNames.Of(second));
    }

    [Fact]
    public async Task Serve_WhenTheAcmeServerRefuses_DoesNotStartAndSaysWhy()
    {
        await using var pebble = await Pebble.StartAsync();
        // Nobody answers the http-01 challenge on this port: the order fails and serve names the domain and the CA's answer.
        await using var fixture = new TlsApiFixture(new()
        {
            ["Hyperfleet:Tls:Acme:Domain"] = Domain,
            ["Hyperfleet:Tls:Acme:Directory"] = pebble.Directory.ToString(),
            ["Hyperfleet:Tls:Acme:HttpPort"] = "1",
            ["Hyperfleet:Tls:Acme:CaBundle"] = pebble.CaBundle,
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ((IAsyncLifetime)fixture).InitializeAsync());
        Assert.Contains(Domain, error.Message, StringComparison.Ordinal);
        Assert.Contains("certbot", error.Message, StringComparison.Ordinal);
    }

    private static async Task<X509Certificate2> PresentedAsync(Uri https, X509Certificate2 root)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(https.Host, https.Port);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, chain, _) =>
        {
            presented = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
            using var check = new X509Chain();
            check.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            check.ChainPolicy.CustomTrustStore.Add(root);
            check.ChainPolicy.ExtraStore.AddRange(chain!.ChainElements.Select(e => e.Certificate).ToArray());
            check.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return check.Build(presented);
        });
        await tls.AuthenticateAsClientAsync(Domain);
        return presented!;
    }
}
