using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>The CA is public; listing and signing are the admin's; a signed certificate carries the hypervisor's names only.</summary>
public abstract class CertificatesApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Ca_Anonymous_IsThePemWithItsPin()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.GetAsync("/api/v1/ca");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        using var ca = X509Certificate2.CreateFromPem(await response.Content.ReadAsStringAsync());
        Assert.Equal(SpkiPin.Of(ca), response.Headers.GetValues("X-Hyperfleet-Ca-Pin").Single());
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public async Task List_AfterStart_HasTheCaAndTheServerCertificate()
    {
        using var admin = fixture.Admin();
        var list = await (await admin.GetAsync("/api/v1/certificates")).OkAsync<List<CertificateResponse>>();
        var ca = Assert.Single(list, c => c.Kind == CertificateKinds.Ca);
        Assert.InRange(ca.DaysLeft, 3640, 3650);
        var server = list.Where(c => c.Kind == CertificateKinds.Server).MaxBy(c => c.NotAfter)!;
        Assert.Contains("localhost", server.SubjectAltNames);
        Assert.Contains("127.0.0.1", server.SubjectAltNames);
        Assert.Matches("^sha256:[0-9a-f]{64}$", server.SpkiSha256);
    }

    [Fact]
    public async Task Sign_GoodCsr_ChainsToTheCaWithTheHypervisorsNamesAndIsListed()
    {
        using var admin = fixture.Admin();
        var id = "cert-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id, $"{id}.example.org", ""","flavour":"hypervisor","viewer":{"proxy_video_host":"video.example.org"}""");
        var request = CertificateAuthority.CreateRequest(id, [$"{id}.example.org"]);

        var signed = await (await admin.PostJsonAsync("/api/v1/certificates/sign",
            new SignCertificateRequest(request.CsrPem, id, CertificateKinds.VideoProxy))).OkAsync<SignCertificateResponse>();

        using var leaf = X509Certificate2.CreateFromPem(signed.Certificate);
        using var ca = X509Certificate2.CreateFromPem(signed.Ca);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf));
        Assert.Equal([$"{id}.example.org", "video.example.org"], SubjectAltNames.Of(leaf));
        Assert.Equal(leaf.NotAfter.ToUniversalTime(), signed.NotAfter.UtcDateTime);

        var list = await (await admin.GetAsync("/api/v1/certificates")).OkAsync<List<CertificateResponse>>();
        var row = Assert.Single(list, c => c.Hypervisor == id);
        Assert.Equal(CertificateKinds.VideoProxy, row.Kind);
        Assert.Equal(SpkiPin.Of(leaf), row.SpkiSha256);
        Assert.InRange(row.DaysLeft, 363, 365);
    }

    [Fact]
    public async Task Sign_BadCsr_Is422CsrInvalidAndRecordsNothing()
    {
        using var admin = fixture.Admin();
        var id = "cert-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id, $"{id}.example.org");
        var response = await admin.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", id));
        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, CertificateProblemCodes.CsrInvalid);
        Assert.False(await fixture.WithDbAsync(db => db.IssuedCertificates.AnyAsync(c => c.HypervisorId == id)));
    }

    [Fact]
    public async Task Sign_CsrAskingForOtherNames_Is422AndRecordsNothing()
    {
        using var admin = fixture.Admin();
        var id = "cert-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id, $"{id}.example.org");
        var request = CertificateAuthority.CreateRequest(id, ["control-plane.example.org"]);
        var response = await admin.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest(request.CsrPem, id));
        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, CertificateProblemCodes.CsrNamesNotAllowed);
        Assert.False(await fixture.WithDbAsync(db => db.IssuedCertificates.AnyAsync(c => c.HypervisorId == id)));
    }

    [Fact]
    public async Task Sign_UnknownHypervisor_Is422HypervisorUnknownAndRecordsNothing()
    {
        using var admin = fixture.Admin();
        var request = CertificateAuthority.CreateRequest("ghost", []);
        var before = await fixture.WithDbAsync(db => db.IssuedCertificates.CountAsync());
        var response = await admin.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest(request.CsrPem, "ghost-hv"));
        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, CertificateProblemCodes.HypervisorUnknown);
        Assert.Equal(before, await fixture.WithDbAsync(db => db.IssuedCertificates.CountAsync()));
    }

    [Fact]
    public async Task Sign_OtherKindOrMissingFields_AreRefused()
    {
        using var admin = fixture.Admin();
        var request = CertificateAuthority.CreateRequest("x", []);
        await (await admin.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest(request.CsrPem, "x", CertificateKinds.Server)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, CertificateProblemCodes.KindUnsupported);
        var problem = await (await admin.PostRawAsync("/api/v1/certificates/sign", "{}")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["required", "required"], problem.ErrorCodes());
    }

    [Fact]
    public async Task SignAndList_WithoutAdmin_Are401And403()
    {
        var request = new SignCertificateRequest(CertificateAuthority.CreateRequest("x", []).CsrPem, "x");
        using var anonymous = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/certificates/sign", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/certificates")).StatusCode);
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync("certuser-" + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostJsonAsync("/api/v1/certificates/sign", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/certificates")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class CertificatesApiTestsOnSqlite(SqliteApiFixture fixture) : CertificatesApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class CertificatesApiTestsOnPostgres(PostgresApiFixture fixture) : CertificatesApiTests(fixture), IClassFixture<PostgresApiFixture>;
