namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>issued_certificates</c>: a certificate the control plane's CA signed (its own server certificate, a
/// hypervisor proxy's), kept so that expiry is visible (<c>hyperfleet cert list</c>) and warned about ahead.
/// Only public material: the private keys stay with their owners.
/// </summary>
public sealed class IssuedCertificate
{
    /// <summary>Serial number, hex.</summary>
    public required string Serial { get; set; }

    /// <summary><c>ca</c>, <c>server</c> (the control plane's TLS) or <c>video-proxy</c> (a hypervisor's own proxy).</summary>
    public required string Kind { get; set; }

    /// <summary>The subject's common name.</summary>
    public required string Subject { get; set; }

    /// <summary>The hypervisor it was issued to, for <c>video-proxy</c> certificates.</summary>
    public string? HypervisorId { get; set; }

    /// <summary>DNS names and addresses it is valid for, comma separated.</summary>
    public string SubjectAltNames { get; set; } = "";

    /// <summary><c>sha256:&lt;hex&gt;</c> of its SubjectPublicKeyInfo (the pin form).</summary>
    public required string SpkiSha256 { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset NotAfter { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The certificate, PEM.</summary>
    public required string Pem { get; set; }

    /// <summary>When the 30-day expiry warning was written (once per certificate).</summary>
    public DateTimeOffset? ExpiryWarnedAt { get; set; }
}
