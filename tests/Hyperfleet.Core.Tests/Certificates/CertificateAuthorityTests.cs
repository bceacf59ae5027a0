using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Core.Tests.Certificates;

public sealed class CertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void CreateCa_IsAP256CaForTenYears()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        Assert.True(ca.HasPrivateKey);
        Assert.Equal(256, ca.GetECDsaPublicKey()!.KeySize);
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.InRange((ca.NotAfter.ToUniversalTime() - Now.UtcDateTime).TotalDays, 3649, 3651);
    }

    [Fact]
    public void Issue_FromRequest_ChainsToTheCaWithTheGivenNamesOnly()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        var request = CertificateAuthority.CreateRequest("hv1.example.org", ["hv1.example.org"]);
        using var leaf = CertificateAuthority.Issue(ca, request.CsrPem, new LeafProfile("hv1.example.org", ["hv1.example.org", "video.example.org"]), Now);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(ca.RawData));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(["hv1.example.org", "video.example.org"], SubjectAltNames.Of(leaf));
        Assert.InRange((leaf.NotAfter.ToUniversalTime() - Now.UtcDateTime).TotalDays, 364, 366);
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Issue_RequestWithBadSignature_IsRefusedAsInvalid()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        var request = CertificateAuthority.CreateRequest("hv1.example.org", ["hv1.example.org"]);
        var der = PemEncoding.Find(request.CsrPem) is var fields ? Convert.FromBase64String(request.CsrPem[fields.Base64Data]) : [];
        der[^3] ^= 0x55; // inside the signature, at the end of the DER
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        var e = Assert.Throws<CertificateRequestException>(() =>
            CertificateAuthority.Issue(ca, tampered, new LeafProfile("hv1", ["hv1.example.org"]), Now));
        Assert.Equal(CertificateRequestException.Invalid, e.Code);
    }

    [Theory]
    [InlineData("not a csr")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")]
    public void Issue_Garbage_IsRefusedAsInvalid(string csr)
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        var e = Assert.Throws<CertificateRequestException>(() => CertificateAuthority.Issue(ca, csr, new LeafProfile("hv1", ["hv1"]), Now));
        Assert.Equal(CertificateRequestException.Invalid, e.Code);
    }

    [Fact]
    public void Issue_RequestAskingForOtherNames_IsRefused()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        var request = CertificateAuthority.CreateRequest("hv1", ["hv1.example.org", "bank.example.com"]);
        var e = Assert.Throws<CertificateRequestException>(() =>
            CertificateAuthority.Issue(ca, request.CsrPem, new LeafProfile("hv1", ["hv1.example.org"]), Now));
        Assert.Equal(CertificateRequestException.NamesNotAllowed, e.Code);
        Assert.Contains("bank.example.com", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_WeakRsaKey_IsRefused()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        using var rsa = RSA.Create(1024);
        var csr = new CertificateRequest("CN=hv1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        var e = Assert.Throws<CertificateRequestException>(() => CertificateAuthority.Issue(ca, csr, new LeafProfile("hv1", ["hv1"]), Now));
        Assert.Equal(CertificateRequestException.KeyWeak, e.Code);
    }

    [Fact]
    public void Issue_LifetimeBeyond397Days_IsRefused()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        var request = CertificateAuthority.CreateRequest("hv1", []);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CertificateAuthority.Issue(ca, request.CsrPem, new LeafProfile("hv1", ["hv1"], TimeSpan.FromDays(398)), Now));
    }

    [Fact]
    public void Issue_IpAddressNames_AreIpSans()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey;
        using var leaf = CertificateAuthority.Issue(ca, publicKey, new LeafProfile("cp", ["localhost", "127.0.0.1", "::1", "[::1]"]), Now);
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost"], san.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1", "::1"], san.EnumerateIPAddresses().Select(a => a.ToString()));
    }
}
