namespace Hyperfleet.Contracts.Certificates;

/// <summary>
/// Body of <c>POST /api/v1/certificates/sign</c>: a host's signing request. The host made the key and keeps it; the
/// certificate's names are the hypervisor's hostname and viewer <c>proxy_video_host</c>, never names taken from the CSR.
/// </summary>
/// <param name="Csr">PKCS#10 request, PEM.</param>
/// <param name="Hypervisor">Id of the hypervisor the certificate is for.</param>
/// <param name="Kind">Only <c>video-proxy</c> for now (the default when omitted).</param>
public sealed record SignCertificateRequest(string? Csr, string? Hypervisor, string? Kind = CertificateKinds.VideoProxy);
