using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hyperfleet.Core.Certificates;

/// <summary>
/// The control plane's small CA, pure crypto and no I/O: make the CA (ECDSA P-256, 10 years), issue server
/// certificates from a PKCS#10 request whose own signature is checked, and make a key + request for a host.
/// </summary>
public static class CertificateAuthority
{
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan DefaultLeafLifetime = TimeSpan.FromDays(365);
    public static readonly TimeSpan MaxLeafLifetime = TimeSpan.FromDays(397);

    // A host whose clock is a little behind still accepts a certificate issued just now.
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>A self-signed CA certificate with its private key: basicConstraints CA (path length 0), keyUsage certSign + cRLSign.</summary>
    public static X509Certificate2 CreateCa(string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signed = request.Create(Subject(commonName), X509SignatureGenerator.CreateForECDsa(key), now - Backdate, now + CaLifetime, NewSerial());
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Issues a server certificate for the key in <paramref name="csrPem"/>. The request's signature must verify and its
    /// key be ECDSA ≥ P-256 or RSA ≥ 2048; names it asks for must be among <paramref name="profile"/>'s, which are the
    /// ones the certificate gets.
    /// </summary>
    /// <exception cref="CertificateRequestException">The request is refused; <see cref="CertificateRequestException.Code"/> says why.</exception>
    public static X509Certificate2 Issue(X509Certificate2 ca, string csrPem, LeafProfile profile, DateTimeOffset now)
    {
        CertificateRequest request;
        try
        {
            // Extensions are loaded only to read the names asked for; none is copied into the certificate.
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new CertificateRequestException(CertificateRequestException.Invalid,
                "The certificate signing request is not a PEM PKCS#10 request with a valid signature: " + e.Message, e);
        }
        CheckKey(request.PublicKey);
        var allowed = SubjectAltNames.Normalise(profile.SubjectAltNames);
        var extra = SubjectAltNames.Of(request.CertificateExtensions).Where(n => !allowed.Contains(n, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
        {
            throw new CertificateRequestException(CertificateRequestException.NamesNotAllowed,
                $"The request asks for {string.Join(", ", extra)}, which this host may not have; allowed: {string.Join(", ", allowed)}.");
        }
        return Issue(ca, request.PublicKey, profile, now);
    }

    /// <summary>Issues a server certificate for a public key the control plane holds itself (its own TLS key).</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, PublicKey key, LeafProfile profile, DateTimeOffset now)
    {
        if (!ca.HasPrivateKey)
        {
            throw new ArgumentException("The CA certificate has no private key.", nameof(ca));
        }
        var names = SubjectAltNames.Normalise(profile.SubjectAltNames);
        if (names.Count == 0)
        {
            throw new ArgumentException("A server certificate needs at least one name.", nameof(profile));
        }
        var lifetime = profile.Lifetime ?? DefaultLeafLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLeafLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(profile), $"A leaf certificate lives between 1 second and {MaxLeafLifetime.TotalDays} days.");
        }
        var request = new CertificateRequest(Subject(profile.CommonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var usage = key.Oid.Value == "1.2.840.113549.1.1.1"
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth)], false));
        request.CertificateExtensions.Add(SubjectAltNames.Extension(names));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notBefore = Max(now - Backdate, ca.NotBefore.ToUniversalTime());
        var notAfter = Min(now + lifetime, ca.NotAfter.ToUniversalTime());
        return request.Create(ca, notBefore, notAfter, NewSerial());
    }

    /// <summary>A new ECDSA P-256 key and a signed PKCS#10 request for these names (what a hypervisor's proxy sends).</summary>
    public static GeneratedRequest CreateRequest(string commonName, IEnumerable<string> subjectAltNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256);
        var names = SubjectAltNames.Normalise(subjectAltNames);
        if (names.Count > 0)
        {
            request.CertificateExtensions.Add(SubjectAltNames.Extension(names));
        }
        return new GeneratedRequest(request.CreateSigningRequestPem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static void CheckKey(PublicKey key)
    {
        var strong = key.Oid.Value switch
        {
            "1.2.840.10045.2.1" => (key.GetECDsaPublicKey()?.KeySize ?? 0) >= 256,
            "1.2.840.113549.1.1.1" => (key.GetRSAPublicKey()?.KeySize ?? 0) >= 2048,
            _ => false,
        };
        if (!strong)
        {
            throw new CertificateRequestException(CertificateRequestException.KeyWeak,
                "The request's key must be ECDSA (P-256 or larger) or RSA (2048 bits or more).");
        }
    }

    private static X500DistinguishedName Subject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    // 16 random bytes, positive: RFC 5280 wants serials unique per CA and at most 20 bytes.
    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
