namespace Hyperfleet.Contracts.Certificates;

/// <summary>Stable <c>code</c> values of <c>POST /api/v1/certificates/sign</c> refusals (all 422). Nothing is recorded on a refusal.</summary>
public static class CertificateProblemCodes
{
    /// <summary>The CSR is not a PEM PKCS#10 request, or its own signature does not verify.</summary>
    public const string CsrInvalid = "csr_invalid";

    /// <summary>The CSR's key is neither ECDSA (P-256 or larger) nor RSA of 2048 bits or more.</summary>
    public const string CsrKeyWeak = "csr_key_weak";

    /// <summary>The CSR asks for names the hypervisor may not have (only its hostname and viewer proxy_video_host).</summary>
    public const string CsrNamesNotAllowed = "csr_names_not_allowed";

    /// <summary>No hypervisor with the id in <c>hypervisor</c>.</summary>
    public const string HypervisorUnknown = "hypervisor_unknown";

    /// <summary>The hypervisor's hostname is also another hypervisor's name (hostname or viewer proxy_video_host).</summary>
    public const string NameClaimed = "name_claimed";

    /// <summary><c>kind</c> is not one the API signs (only <c>video-proxy</c>).</summary>
    public const string KindUnsupported = "kind_unsupported";
}
