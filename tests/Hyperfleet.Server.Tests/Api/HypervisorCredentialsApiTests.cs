using System.Net;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>
/// A hypervisor's own credential acts for that hypervisor's proxy routes and certificate only: never as an admin, never for
/// another hypervisor; a new one replaces the old; revoked or deleted with the hypervisor, it stops working.
/// </summary>
public abstract class HypervisorCredentialsApiTests(ApiFixture fixture)
{
    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private async Task<(string Id, HttpClient Host)> HypervisorWithCredentialAsync(HttpClient admin, string json = ""","flavour":"hypervisor" """)
    {
        var id = NewId("cred");
        await admin.AddAsync(id, $"{id}.example.org", json);
        var issued = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/credential")).OkAsync<HypervisorCredentialResponse>(HttpStatusCode.Created);
        Assert.StartsWith("hfh_", issued.Credential, StringComparison.Ordinal);
        Assert.Equal(id, issued.Hypervisor);
        return (id, fixture.WithToken(issued.Credential));
    }

    [Fact]
    public async Task Credential_ActsForItsOwnProxyAndCertificate()
    {
        using var admin = fixture.Admin();
        var (id, host) = await HypervisorWithCredentialAsync(admin, ""","flavour":"hypervisor","viewer":{"proxy_hyper_host":"10.1.2.3"}""");
        using (host)
        {
            var config = await (await host.GetAsync($"/api/v1/video/proxies/{id}/config")).OkAsync<VideoProxyConfigResponse>();
            Assert.Equal(["10.1.2.3"], config.DisplayHosts);
            Assert.Equal("5900-7899", config.AllowedPorts);
            Assert.Contains("BEGIN PUBLIC KEY", config.TicketKey, StringComparison.Ordinal);

            var report = await (await host.PostJsonAsync($"/api/v1/video/proxies/{id}/report", new ProxyReportRequest([]))).OkAsync<ProxyReportResponse>();
            Assert.Empty(report.Cut);

            var csr = CertificateAuthority.CreateRequest(id, []);
            var signed = await (await host.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest(csr.CsrPem, id, CertificateKinds.VideoProxy)))
                .OkAsync<SignCertificateResponse>();
            using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(signed.Certificate);
            Assert.Contains($"{id}.example.org", SubjectAltNames.Of(leaf));

            // Its history says who asked: the hypervisor itself.
            var events = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
            Assert.Contains(events, e => e.Kind == "certificate_issued" && e.Actor == "hypervisor:" + id);
            Assert.Contains(events, e => e.Kind == "credential_issued" && e.Actor == "admin");
        }
    }

    [Fact]
    public async Task Credential_OnAnotherHypervisorOrAdminRoutes_IsForbiddenAndChangesNothing()
    {
        using var admin = fixture.Admin();
        var (id, host) = await HypervisorWithCredentialAsync(admin);
        var other = NewId("other");
        await admin.AddAsync(other, $"{other}.example.org", ""","flavour":"hypervisor" """);
        using (host)
        {
            await (await host.GetAsync($"/api/v1/video/proxies/{other}/config")).ProblemAsync(HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
            await (await host.PostJsonAsync($"/api/v1/video/proxies/{other}/report", new ProxyReportRequest([]))).ProblemAsync(HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
            await (await host.PostJsonAsync("/api/v1/video/proxies/central/report", new ProxyReportRequest([]))).ProblemAsync(HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
            var csr = CertificateAuthority.CreateRequest(other, []);
            await (await host.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest(csr.CsrPem, other, CertificateKinds.VideoProxy)))
                .ProblemAsync(HttpStatusCode.Forbidden, ProblemCodes.Forbidden);

            foreach (var path in new[] { "/api/v1/hypervisors", $"/api/v1/hypervisors/{id}", "/api/v1/certificates", "/api/v1/users", "/api/v1/desktops", "/api/v1/viewer-sessions", "/api/v1/pools" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync(path)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await host.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.PostEmptyAsync($"/api/v1/hypervisors/{id}/credential")).StatusCode);
        }
        var certificates = await fixture.WithDbAsync(db => db.IssuedCertificates.CountAsync(c => c.HypervisorId == other));
        Assert.Equal(0, certificates);
        var row = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
        Assert.False(row.Enabled);
    }

    [Fact]
    public async Task Credential_ReplacedRevokedOrItsHypervisorDeleted_StopsWorking()
    {
        using var admin = fixture.Admin();
        var (id, first) = await HypervisorWithCredentialAsync(admin);
        using (first)
        {
            var second = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/credential")).OkAsync<HypervisorCredentialResponse>(HttpStatusCode.Created);
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync($"/api/v1/video/proxies/{id}/config")).StatusCode);
            using var current = fixture.WithToken(second.Credential);
            Assert.Equal(HttpStatusCode.OK, (await current.GetAsync($"/api/v1/video/proxies/{id}/config")).StatusCode);

            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/hypervisors/{id}/credential")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await current.GetAsync($"/api/v1/video/proxies/{id}/config")).StatusCode);

            var third = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/credential")).OkAsync<HypervisorCredentialResponse>(HttpStatusCode.Created);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/hypervisors/{id}?force=true")).StatusCode);
            using var orphan = fixture.WithToken(third.Credential);
            Assert.Equal(HttpStatusCode.Unauthorized, (await orphan.GetAsync($"/api/v1/video/proxies/{id}/config")).StatusCode);
        }
        Assert.Equal(0, await fixture.WithDbAsync(db => db.HypervisorCredentials.CountAsync(c => c.HypervisorId == id)));
    }

    [Fact]
    public async Task Credential_ForUnknownHypervisorOrByNonAdmin_IsRefused()
    {
        using var admin = fixture.Admin();
        await (await admin.PostEmptyAsync("/api/v1/hypervisors/nope-404/credential")).ProblemAsync(HttpStatusCode.NotFound, ProblemCodes.NotFound);
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(NewId("creduser")));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostEmptyAsync("/api/v1/hypervisors/nope-404/credential")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/video/proxies/nope-404/config")).StatusCode);
        using var forged = fixture.WithToken("hfh_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/video/proxies/nope-404/config")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class HypervisorCredentialsApiTestsOnSqlite(SqliteApiFixture fixture) : HypervisorCredentialsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class HypervisorCredentialsApiTestsOnPostgres(PostgresApiFixture fixture) : HypervisorCredentialsApiTests(fixture), IClassFixture<PostgresApiFixture>;
