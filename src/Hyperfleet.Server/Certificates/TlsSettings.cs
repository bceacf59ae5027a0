namespace Hyperfleet.Server.Certificates;

/// <summary>The control plane's TLS, bound from <c>Hyperfleet:Tls</c>. HTTPS listens where <c>urls</c> has an https:// address.</summary>
public sealed class TlsSettings
{
    public const string Section = "Hyperfleet:Tls";

    /// <summary>Names the generated server certificate is valid for, besides this machine's hostname, localhost, 127.0.0.1 and ::1.</summary>
    public List<string> Hostnames { get; set; } = [];

    /// <summary>An admin-provided server certificate (PEM, may hold the chain after it, e.g. Let's Encrypt's fullchain.pem).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The private key of <see cref="CertificateFile"/> (PEM).</summary>
    public string? KeyFile { get; set; }

    /// <summary>How long a server certificate the CA issues is valid (at most 397 days).</summary>
    public TimeSpan ServerLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How far ahead of expiry a certificate is warned about, and a generated server certificate renewed.</summary>
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the expiry watch looks.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The server certificate from an ACME CA (Let's Encrypt) instead: see <see cref="AcmeSettings"/>.</summary>
    public AcmeSettings Acme { get; set; } = new();

    public bool AdminProvided => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile);

    public bool AcmeEnabled => !string.IsNullOrWhiteSpace(Acme.Domain);
}
