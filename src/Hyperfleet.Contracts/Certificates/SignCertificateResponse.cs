namespace Hyperfleet.Contracts.Certificates;

/// <summary>The signed certificate, with the CA certificate to present as its chain.</summary>
/// <param name="Certificate">The new certificate, PEM.</param>
/// <param name="Ca">The control plane's CA certificate, PEM.</param>
/// <param name="NotAfter">When it expires; ask again before then (the expiry watch warns 30 days ahead).</param>
/// <param name="Serial">Its serial number, hex, as listed by <c>GET /api/v1/certificates</c>.</param>
public sealed record SignCertificateResponse(string Certificate, string Ca, DateTimeOffset NotAfter, string Serial);
