using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Core.Tests.Certificates;

public sealed class PinnedCertificateValidationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) Pair()
    {
        var ca = CertificateAuthority.CreateCa("CA", Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey;
        return (ca, CertificateAuthority.Issue(ca, publicKey, new LeafProfile("cp", ["cp.example.org"]), Now));
    }

    [Fact]
    public void Validate_LeafOfThePinnedCa_IsAccepted()
    {
        var (ca, leaf) = Pair();
        Assert.True(PinnedCertificateValidation.Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, SpkiPin.Of(ca), [ca], Now));
    }

    [Fact]
    public void Validate_LeafOfAnotherCaWithTheSameName_IsRefused()
    {
        var (ca, _) = Pair();
        var (_, foreign) = Pair();
        Assert.False(PinnedCertificateValidation.Validate(foreign, null, SslPolicyErrors.RemoteCertificateChainErrors, SpkiPin.Of(ca), [ca], Now));
    }

    [Fact]
    public void Validate_NameMismatch_IsRefusedEvenWithTheRightPin()
    {
        var (ca, leaf) = Pair();
        Assert.False(PinnedCertificateValidation.Validate(leaf, null,
            SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, SpkiPin.Of(ca), [ca], Now));
    }

    [Fact]
    public void Validate_NoPin_OnlyTrustsWhatTheSystemTrusts()
    {
        var (_, leaf) = Pair();
        Assert.True(PinnedCertificateValidation.Validate(leaf, null, SslPolicyErrors.None, null));
        Assert.False(PinnedCertificateValidation.Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, null));
    }

    [Fact]
    public void Validate_AfterTheLeafExpired_IsRefused()
    {
        var (ca, leaf) = Pair();
        Assert.False(PinnedCertificateValidation.Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, SpkiPin.Of(ca), [ca], Now.AddDays(400)));
    }
}
