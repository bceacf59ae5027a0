using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Certificates;

/// <summary>serve on https: a client that pins the CA key gets in; a wrong pin is refused; admin files are used as given.</summary>
public sealed class HttpsServeTests
{
    [Fact]
    public async Task Https_ClientPinningTheCa_ConnectsAndAWrongPinIsRefused()
    {
        await using var fixture = new TlsApiFixture();
        await ((IAsyncLifetime)fixture).InitializeAsync();
        var pin = fixture.Services.GetRequiredService<ControlPlaneCertificates>().CaPin;

        // What a pinning client does first: fetch the CA and check its pin (TLS servers leave the root out of the chain).
        using var ca = fixture.Services.GetRequiredService<ControlPlaneCertificates>().CaCertificate;
        using (var chainOnly = Client(pin))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => chainOnly.GetAsync(new Uri(fixture.HttpsAddress, "/api/v1/ca")));
        }
        using (var pinned = Client(pin, ca))
        {
            var response = await pinned.GetAsync(new Uri(fixture.HttpsAddress, "/api/v1/ca"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var wrong = Client("sha256:" + new string('0', 64), ca))
        {
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => wrong.GetAsync(new Uri(fixture.HttpsAddress, "/api/v1/ca")));
            Assert.IsType<AuthenticationException>(e.InnerException);
        }
        using (var unpinned = Client(null))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => unpinned.GetAsync(new Uri(fixture.HttpsAddress, "/api/v1/ca")));
        }
    }

    [Fact]
    public async Task Https_AdminProvidedFiles_AreServed()
    {
        var dir = Directory.CreateTempSubdirectory("hyperfleet-admin-tls-").FullName;
        try
        {
            using var adminCa = CertificateAuthority.CreateCa("Admin's own CA", DateTimeOffset.UtcNow);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var publicKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey;
            using var leaf = CertificateAuthority.Issue(adminCa, publicKey, new LeafProfile("admin", ["127.0.0.1", "localhost"]), DateTimeOffset.UtcNow);
            File.WriteAllText(Path.Combine(dir, "fullchain.pem"), leaf.ExportCertificatePem() + "\n" + adminCa.ExportCertificatePem() + "\n");
            File.WriteAllText(Path.Combine(dir, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
            await using var fixture = new TlsApiFixture(new()
            {
                ["Hyperfleet:Tls:CertificateFile"] = Path.Combine(dir, "fullchain.pem"),
                ["Hyperfleet:Tls:KeyFile"] = Path.Combine(dir, "privkey.pem"),
            });
            await ((IAsyncLifetime)fixture).InitializeAsync();

            X509Certificate2? presented = null;
            using var handler = new SocketsHttpHandler();
            // Trust exactly the admin's CA, and note which certificate came.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, c, chain, errors) =>
            {
                presented = X509CertificateLoader.LoadCertificate(c!.GetRawCertData());
                return PinnedCertificateValidation.Validate(c, chain, errors, SpkiPin.Of(adminCa), [adminCa]);
            };
            using var client = new HttpClient(handler);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(fixture.HttpsAddress, "/api/v1/ca"))).StatusCode);
            Assert.Equal(leaf.Thumbprint, presented!.Thumbprint);
            // Our own CA does not vouch for the admin's certificate.
            using var ours = fixture.Services.GetRequiredService<ControlPlaneCertificates>().CaCertificate;
            using var pinnedToOurs = Client(SpkiPin.Of(ours), ours);
            await Assert.ThrowsAsync<HttpRequestException>(() => pinnedToOurs.GetAsync(new Uri(fixture.HttpsAddress, "/api/v1/ca")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static HttpClient Client(string? pin, X509Certificate2? fetchedCa = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, c, chain, errors) =>
            PinnedCertificateValidation.Validate(c, chain, errors, pin, fetchedCa is null ? null : [fetchedCa]);
        return new HttpClient(handler);
    }
}
