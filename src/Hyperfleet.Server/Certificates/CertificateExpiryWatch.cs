using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Certificates;

/// <summary>
/// Daily (<c>Hyperfleet:Tls:ExpiryCheckInterval</c>): renews the generated server certificate when it has 30 days or less
/// left, and writes ONE warning per certificate that has 30 days or less (a video-proxy certificate on its hypervisor's
/// history, the CA's and the server's under <see cref="CertificateService.ControlPlaneHistoryId"/>), marking it
/// <c>expiry_warned_at</c>. A certificate already replaced by a newer one of the same kind and host is not warned about.
/// </summary>
public sealed partial class CertificateExpiryWatch(
    IServiceScopeFactory scopes,
    ControlPlaneCertificates certificates,
    AcmeCertbot acme,
    ChangeFeed feed,
    TimeProvider time,
    IOptions<TlsSettings> settings,
    ILogger<CertificateExpiryWatch> logger) : BackgroundService
{
    public const string Actor = "certificates";

    // One certbot at a time (it locks its own state; a second run would fail): passes that overlap wait their turn.
    private readonly SemaphoreSlim ordering = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.ExpiryCheckInterval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // The generated certificate is re-issued in process; an ACME one is ordered anew by certbot. A failed order leaves the
    // current certificate in place (it still has ExpiryWarning left), warns, and is tried again at the next look.
    private async Task<System.Security.Cryptography.X509Certificates.X509Certificate2?> RenewServerIfDueAsync(CancellationToken ct)
    {
        if (!settings.Value.AcmeEnabled)
        {
            return certificates.RenewServerIfDue();
        }
        await ordering.WaitAsync(ct);
        try
        {
            if (!certificates.ServerDue)
            {
                return null;
            }
            await acme.ObtainAsync(renew: true, ct);
            return certificates.ReloadAcme();
        }
        catch (InvalidOperationException e)
        {
            LogAcmeRenewFailed(logger, e.Message);
            return null;
        }
        finally
        {
            ordering.Release();
        }
    }

    /// <summary>One pass: renew, then warn. Returns how many warnings were written.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<CertificateService>();
        if (await RenewServerIfDueAsync(ct) is { } renewed)
        {
            await service.RecordAsync(renewed, CertificateKinds.Server, ct);
            var evt = ControlPlaneEvent(db, "certificate_renewed",
                $"server certificate renewed: {renewed.SerialNumber}, valid until {renewed.NotAfter.ToUniversalTime():u}");
            await db.SaveChangesAsync(ct);
            LogRenewed(logger, renewed.SerialNumber, renewed.NotAfter);
            feed.Publish(new ChangeNotification("certificate.renewed", "", evt.ToResponse(), null, renewed.SerialNumber));
        }

        var now = time.GetUtcNow();
        var horizon = now + settings.Value.ExpiryWarning;
        var due = await db.IssuedCertificates.Where(c => c.ExpiryWarnedAt == null).ToListAsync(ct);
        var all = await db.IssuedCertificates.AsNoTracking().ToListAsync(ct);
        var warned = 0;
        foreach (var certificate in due.Where(c => c.NotAfter <= horizon))
        {
            var replaced = all.Any(o => o.Kind == certificate.Kind && o.HypervisorId == certificate.HypervisorId
                && o.Serial != certificate.Serial && o.NotAfter > horizon);
            // Claim the warning with a conditional update: of several replicas, one writes it.
            var claimed = await db.IssuedCertificates
                .Where(c => c.Serial == certificate.Serial && c.ExpiryWarnedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiryWarnedAt, time.GetUtcNowForStorage()), ct);
            if (claimed == 0 || replaced)
            {
                continue;
            }
            var days = CertificateRecords.DaysLeft(certificate.NotAfter, now);
            var detail = $"{certificate.Kind} certificate {certificate.Serial} ({certificate.Subject}) expires {certificate.NotAfter:u}: {days} days left";
            HypervisorEvent evt;
            Hypervisor? hypervisor = null;
            if (certificate.HypervisorId is { } id && await db.Hypervisors.SingleOrDefaultAsync(h => h.Id == id, ct) is { } h)
            {
                hypervisor = h;
                evt = HypervisorHistory.Record(db, time, h, Actor, "certificate_expiring", "certificate_expiring", detail);
            }
            else
            {
                evt = ControlPlaneEvent(db, "certificate_expiring", detail);
            }
            await db.SaveChangesAsync(ct);
            warned++;
            LogExpiring(logger, certificate.Kind, certificate.Serial, days);
            feed.Publish(new ChangeNotification("certificate.expiring", hypervisor?.Id ?? "", evt.ToResponse(), hypervisor?.ToResponse(), certificate.Serial));
        }
        return warned;
    }

    private HypervisorEvent ControlPlaneEvent(HyperfleetDbContext db, string kind, string detail)
    {
        var evt = new HypervisorEvent
        {
            Time = time.GetUtcNowForStorage(),
            HypervisorId = CertificateService.ControlPlaneHistoryId,
            Actor = Actor,
            Kind = kind,
            Reason = kind,
            Detail = detail,
        };
        db.HypervisorEvents.Add(evt);
        return evt;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} certificate {Serial} expires in {Days} days")]
    private static partial void LogExpiring(ILogger logger, string kind, string serial, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewed the server certificate: {Serial}, valid until {NotAfter}")]
    private static partial void LogRenewed(ILogger logger, string serial, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Certificate expiry check failed; retrying on the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "ACME renewal failed; the current certificate stays in use and the next look tries again: {Reason}")]
    private static partial void LogAcmeRenewFailed(ILogger logger, string reason);
}
