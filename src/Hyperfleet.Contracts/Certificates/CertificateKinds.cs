namespace Hyperfleet.Contracts.Certificates;

/// <summary>What a certificate the control plane's CA issued is for (<c>kind</c> in <c>GET /api/v1/certificates</c>).</summary>
public static class CertificateKinds
{
    /// <summary>The control plane's own CA (self-signed; agents pin its key).</summary>
    public const string Ca = "ca";

    /// <summary>The control plane's TLS certificate (HTTPS listener, central video proxy).</summary>
    public const string Server = "server";

    /// <summary>A <c>hypervisor</c>-flavour host's own video proxy; its key never leaves that host.</summary>
    public const string VideoProxy = "video-proxy";
}
