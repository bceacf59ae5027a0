using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hyperfleet.Server.Tests.Certificates;

public sealed class CertificateExpiryWatchTests
{
    [Fact]
    public async Task Check_ThirtyDaysLeft_WarnsOncePerCertificateAndRenewsTheServerCertificate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fixture = new TlsApiFixture(new() { ["Hyperfleet:Tls:ExpiryCheckInterval"] = "1.00:00:00" },
            services => services.AddSingleton<TimeProvider>(time));
        await ((IAsyncLifetime)fixture).InitializeAsync();
        using (var admin = fixture.Admin())
        {
            await admin.AddAsync("hv-exp", "hv-exp.example.org");
            var csr = CertificateAuthority.CreateRequest("hv-exp", []).CsrPem;
            await (await admin.PostJsonAsync("/api/v1/certificates/sign", new SignCertificateRequest(csr, "hv-exp"))).OkAsync<SignCertificateResponse>();
        }
        var watch = fixture.Services.GetRequiredService<CertificateExpiryWatch>();
        var certificates = fixture.Services.GetRequiredService<ControlPlaneCertificates>();
        var oldServer = certificates.ServerCertificate.SerialNumber;
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));

        // The daily tick comes due: the watch itself warns, and a further pass finds nothing new.
        time.Advance(TimeSpan.FromDays(340));
        await Eventually.TrueAsync(() => fixture.WithDbAsync(db => db.HypervisorEvents.AnyAsync(e => e.Kind == "certificate_expiring")),
            because: "the expiry watch wrote no warning after its tick");
        await Eventually.TrueAsync(() => fixture.WithDbAsync(db => db.HypervisorEvents.AnyAsync(e => e.Kind == "certificate_renewed")),
            because: "the expiry watch did not renew the server certificate");
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));

        var warnings = await fixture.WithDbAsync(db => db.HypervisorEvents.Where(e => e.Kind == "certificate_expiring").ToListAsync());
        var warning = Assert.Single(warnings);
        Assert.Equal("hv-exp", warning.HypervisorId);
        Assert.Contains("days left", warning.Detail, StringComparison.Ordinal);
        Assert.NotEqual(oldServer, certificates.ServerCertificate.SerialNumber);
        var renewal = await fixture.WithDbAsync(db => db.HypervisorEvents.SingleAsync(e => e.Kind == "certificate_renewed"));
        Assert.Equal(CertificateService.ControlPlaneHistoryId, renewal.HypervisorId);
        var rows = await fixture.WithDbAsync(db => db.IssuedCertificates.ToListAsync());
        Assert.NotNull(rows.Single(r => r.HypervisorId == "hv-exp").ExpiryWarnedAt);
        Assert.Equal(2, rows.Count(r => r.Kind == CertificateKinds.Server));
        Assert.Null(rows.Single(r => r.Kind == CertificateKinds.Ca).ExpiryWarnedAt);
    }
}
