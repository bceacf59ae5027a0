namespace Hyperfleet.Server.Certificates;

/// <summary>
/// "Letsencrypt support" (seed 002), <c>Hyperfleet:Tls:Acme</c>: with a domain set, the server certificate (HTTPS and the
/// central video proxy) is ordered and renewed over ACME (RFC 8555) by Debian's certbot, http-01 on <see cref="HttpPort"/>.
/// </summary>
public sealed class AcmeSettings
{
    /// <summary>The name viewers and admins reach the control plane by (the seed's video domain); empty: ACME off.</summary>
    public string? Domain { get; set; }

    /// <summary>The account's contact address (expiry notices from the CA); empty: an account without one.</summary>
    public string? Email { get; set; }

    /// <summary>The ACME directory: Let's Encrypt's by default; its staging one or a private CA for tests.</summary>
    public string Directory { get; set; } = "https://acme-v02.api.letsencrypt.org/directory";

    /// <summary>The port certbot answers the http-01 challenge on while it orders (the CA asks port 80; forward to this one).</summary>
    public int HttpPort { get; set; } = 80;

    /// <summary>A PEM bundle to trust for the ACME directory's own TLS (a private ACME server); empty: the system's.</summary>
    public string? CaBundle { get; set; }

    /// <summary>The certbot executable.</summary>
    public string Certbot { get; set; } = "/usr/bin/certbot";
}
