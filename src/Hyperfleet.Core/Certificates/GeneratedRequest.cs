namespace Hyperfleet.Core.Certificates;

/// <summary>A new key pair and a signing request for it: the key stays on the host that made it, the CSR is sent.</summary>
/// <param name="CsrPem">PKCS#10 request, PEM (<c>-----BEGIN CERTIFICATE REQUEST-----</c>).</param>
/// <param name="PrivateKeyPem">The private key, PKCS#8 PEM; write it with mode 0600.</param>
public sealed record GeneratedRequest(string CsrPem, string PrivateKeyPem);
