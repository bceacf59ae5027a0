using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Certificates;

/// <summary>Rows of <c>issued_certificates</c> from certificates, and their wire form.</summary>
public static class CertificateRecords
{
    public static IssuedCertificate ToRow(X509Certificate2 certificate, string kind, string? hypervisorId, DateTimeOffset issuedAt) => new()
    {
        Serial = certificate.SerialNumber,
        Kind = kind,
        Subject = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
        HypervisorId = hypervisorId,
        SubjectAltNames = string.Join(",", SubjectAltNames.Of(certificate)),
        SpkiSha256 = SpkiPin.Of(certificate),
        NotBefore = Whole(certificate.NotBefore),
        NotAfter = Whole(certificate.NotAfter),
        IssuedAt = issuedAt,
        Pem = certificate.ExportCertificatePem() + "\n",
    };

    public static CertificateResponse ToResponse(this IssuedCertificate row, DateTimeOffset now) => new(
        row.Serial,
        row.Kind,
        row.Subject,
        row.HypervisorId,
        row.SubjectAltNames.Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.NotBefore,
        row.NotAfter,
        DaysLeft(row.NotAfter, now),
        row.SpkiSha256,
        row.ExpiryWarnedAt);

    /// <summary>Whole days left, rounded down (an expired certificate has a negative count).</summary>
    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    // Certificates carry whole seconds; both databases keep them exactly.
    private static DateTimeOffset Whole(DateTime time) => new(time.ToUniversalTime(), TimeSpan.Zero);
}
