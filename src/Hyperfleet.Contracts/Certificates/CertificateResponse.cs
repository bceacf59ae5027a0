namespace Hyperfleet.Contracts.Certificates;

/// <summary>One certificate the control plane's CA issued (or the admin-provided server certificate), public parts only.</summary>
/// <param name="Serial">Serial number, hex.</param>
/// <param name="Kind"><c>ca</c>, <c>server</c> or <c>video-proxy</c> (<see cref="CertificateKinds"/>).</param>
/// <param name="Subject">The subject's common name.</param>
/// <param name="Hypervisor">The hypervisor it was issued to (video-proxy certificates), else null.</param>
/// <param name="SubjectAltNames">DNS names and IP addresses it is valid for.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="DaysLeft">Whole days until <paramref name="NotAfter"/> (negative once expired).</param>
/// <param name="SpkiSha256">Pin of its public key, <c>sha256:&lt;hex&gt;</c>.</param>
/// <param name="ExpiryWarnedAt">When the 30-day expiry warning was written, if it was.</param>
public sealed record CertificateResponse(
    string Serial,
    string Kind,
    string Subject,
    string? Hypervisor,
    IReadOnlyList<string> SubjectAltNames,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    int DaysLeft,
    string SpkiSha256,
    DateTimeOffset? ExpiryWarnedAt);
