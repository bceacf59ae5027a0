using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Certificates;

/// <summary>Signing hosts' requests with the control plane's CA and keeping <c>issued_certificates</c> true.</summary>
public sealed class CertificateService(HyperfleetDbContext db, ControlPlaneCertificates certificates, ChangeFeed feed, TimeProvider time)
{
    /// <summary>Where the history rows of the control plane's own certificates (ca, server) go: never a valid hypervisor id.</summary>
    public const string ControlPlaneHistoryId = "(control-plane)";

    public async Task<IReadOnlyList<CertificateResponse>> ListAsync(CancellationToken ct)
    {
        var rows = await db.IssuedCertificates.AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow();
        return rows.OrderBy(r => r.NotAfter).ThenBy(r => r.Serial, StringComparer.Ordinal).Select(r => r.ToResponse(now)).ToList();
    }

    /// <summary>
    /// Signs <paramref name="request"/>'s CSR for its hypervisor: the names are the hypervisor's hostname and viewer
    /// proxy_video_host. A refusal records nothing.
    /// </summary>
    public async Task<ServiceResult<SignCertificateResponse>> SignAsync(SignCertificateRequest request, string actor, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Csr))
        {
            errors.Add(new FieldError("csr", "required", "csr: the PEM certificate signing request is required."));
        }
        if (string.IsNullOrWhiteSpace(request.Hypervisor))
        {
            errors.Add(new FieldError("hypervisor", "required", "hypervisor: the id of the hypervisor is required."));
        }
        if (errors.Count > 0)
        {
            return new ServiceError(ServiceErrorKind.Invalid, ProblemCodes.ValidationFailed, "Invalid request", string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var kind = request.Kind ?? CertificateKinds.VideoProxy;
        if (kind != CertificateKinds.VideoProxy)
        {
            return new ServiceError(ServiceErrorKind.Invalid, CertificateProblemCodes.KindUnsupported, "Kind not signed here",
                $"kind '{kind}': only '{CertificateKinds.VideoProxy}' certificates are signed for hosts.");
        }
        var hypervisor = await db.Hypervisors.SingleOrDefaultAsync(h => h.Id == request.Hypervisor, ct);
        if (hypervisor is null)
        {
            return new ServiceError(ServiceErrorKind.Invalid, CertificateProblemCodes.HypervisorUnknown, "Unknown hypervisor",
                $"No hypervisor '{request.Hypervisor}'.");
        }
        // A name another hypervisor also claims is nobody's: a host that registered itself cannot get a certificate for
        // a neighbour's address by writing it into its own settings.
        var claimedElsewhere = await db.Hypervisors.AsNoTracking().Where(h => h.Id != hypervisor.Id)
            .Select(h => new { h.Hostname, h.ViewerProxyVideoHost }).ToListAsync(ct);
        var taken = claimedElsewhere.SelectMany(h => new[] { h.Hostname, h.ViewerProxyVideoHost }).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (taken.Contains(hypervisor.Hostname))
        {
            return new ServiceError(ServiceErrorKind.Conflict, CertificateProblemCodes.NameClaimed, "Name claimed by another hypervisor",
                $"{hypervisor.Hostname} is also another hypervisor's name: no certificate names it until only one claims it.");
        }
        string?[] wanted = [hypervisor.Hostname, hypervisor.ViewerProxyVideoHost];
        var names = SubjectAltNames.Normalise(wanted.OfType<string>().Where(n => !taken.Contains(n)));
        X509Certificate2 issued;
        try
        {
            issued = certificates.Sign(request.Csr!, new LeafProfile(hypervisor.Hostname, names));
        }
        catch (CertificateRequestException e)
        {
            return new ServiceError(ServiceErrorKind.Invalid, e.Code, "Certificate request refused", e.Message);
        }
        using (issued)
        {
            var row = CertificateRecords.ToRow(issued, kind, hypervisor.Id, time.GetUtcNowForStorage());
            db.IssuedCertificates.Add(row);
            var evt = HypervisorHistory.Record(db, time, hypervisor, actor, "certificate_issued",
                detail: $"{kind} certificate {row.Serial} for {row.SubjectAltNames}, valid until {row.NotAfter:u}");
            await db.SaveChangesAsync(ct);
            feed.Publish(new ChangeNotification("hypervisor.changed", hypervisor.Id, evt.ToResponse(), hypervisor.ToResponse()));
            return new SignCertificateResponse(row.Pem, certificates.CaPem, row.NotAfter, row.Serial);
        }
    }

    /// <summary>Records the CA and the current server certificate when they are not yet (first start, a renewal).</summary>
    public async Task RecordControlPlaneAsync(CancellationToken ct)
    {
        using var ca = certificates.CaCertificate;
        await RecordAsync(ca, CertificateKinds.Ca, ct);
        await RecordAsync(certificates.ServerCertificate, CertificateKinds.Server, ct);
    }

    public async Task RecordAsync(X509Certificate2 certificate, string kind, CancellationToken ct)
    {
        var serial = certificate.SerialNumber;
        if (await db.IssuedCertificates.AnyAsync(c => c.Serial == serial, ct))
        {
            return;
        }
        db.IssuedCertificates.Add(CertificateRecords.ToRow(certificate, kind, null, time.GetUtcNowForStorage()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another replica recorded it at the same moment: the row is there, which is all we wanted.
            db.ChangeTracker.Clear();
        }
    }
}
