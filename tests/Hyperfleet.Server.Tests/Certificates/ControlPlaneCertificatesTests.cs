using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;
using Hyperfleet.Server.Certificates;
using Hyperfleet.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hyperfleet.Server.Tests.Certificates;

public sealed class ControlPlaneCertificatesTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("hyperfleet-tls-").FullName;
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private ControlPlaneCertificates Certificates(TlsSettings? settings = null)
    {
        var options = Options.Create(new HyperfleetOptions { DataDir = dataDir });
        var tls = Options.Create(settings ?? new TlsSettings());
        return new(options, tls, new AcmeCertbot(options, tls, NullLogger<AcmeCertbot>.Instance), time, NullLogger<ControlPlaneCertificates>.Instance);
    }

    [Fact]
    public void Ensure_FirstStart_WritesCaAndServerFilesWithOwnerOnlyKeys()
    {
        var certificates = Certificates(new TlsSettings { Hostnames = ["cp.example.org"] });
        certificates.Ensure();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificates.CaKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificates.ServerKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(certificates.Directory));
        Assert.True(File.Exists(certificates.CaCertificatePath));
        Assert.True(certificates.ServerCertificate.HasPrivateKey);
        var names = SubjectAltNames.Of(certificates.ServerCertificate);
        Assert.Contains("cp.example.org", names);
        Assert.Contains(System.Net.Dns.GetHostName().ToLowerInvariant(), names);
        Assert.Contains("::1", names);
        Assert.Empty(Directory.GetFiles(certificates.Directory, "*.tmp"));
        Assert.Empty(Directory.GetFiles(certificates.Directory, "*.new"));
    }

    [Fact]
    public void Ensure_Restart_KeepsTheCaAndTheServerCertificate()
    {
        var first = Certificates();
        first.Ensure();
        var second = Certificates();
        second.Ensure();
        Assert.Equal(first.CaPin, second.CaPin);
        Assert.Equal(first.ServerCertificate.Thumbprint, second.ServerCertificate.Thumbprint);
    }

    [Fact]
    public void Ensure_ConfiguredNameNotCovered_ReissuesFromTheSameCa()
    {
        var first = Certificates();
        first.Ensure();
        var second = Certificates(new TlsSettings { Hostnames = ["new.example.org"] });
        second.Ensure();
        Assert.Equal(first.CaPin, second.CaPin);
        Assert.NotEqual(first.ServerCertificate.Thumbprint, second.ServerCertificate.Thumbprint);
        Assert.Contains("new.example.org", SubjectAltNames.Of(second.ServerCertificate));
    }

    [Fact]
    public void RenewServerIfDue_Within30Days_Renews()
    {
        var certificates = Certificates();
        certificates.Ensure();
        var old = certificates.ServerCertificate;
        Assert.Null(certificates.RenewServerIfDue());
        time.Advance(TimeSpan.FromDays(336));
        var renewed = certificates.RenewServerIfDue();
        Assert.NotNull(renewed);
        Assert.Same(renewed, certificates.ServerCertificate);
        Assert.True(renewed.NotAfter > old.NotAfter);
    }

    [Fact]
    public void LoadAdminProvided_EveryProblemIsNamed()
    {
        var now = DateTimeOffset.UtcNow;
        var e = Assert.Throws<InvalidOperationException>(() =>
            AdminProvidedCertificate.Load(Path.Combine(dataDir, "missing.crt"), Path.Combine(dataDir, "missing.key"), now));
        Assert.Contains("Hyperfleet:Tls:CertificateFile", e.Message, StringComparison.Ordinal);
        Assert.Contains("Hyperfleet:Tls:KeyFile", e.Message, StringComparison.Ordinal);

        using var ca = CertificateAuthority.CreateCa("admin CA", now.AddDays(-400));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey;
        using var expired = CertificateAuthority.Issue(ca, publicKey, new LeafProfile("old", ["old.example.org"], TimeSpan.FromDays(30)), now.AddDays(-400));
        var certFile = Path.Combine(dataDir, "cert.pem");
        var keyFile = Path.Combine(dataDir, "key.pem");
        File.WriteAllText(certFile, expired.ExportCertificatePem());
        File.WriteAllText(keyFile, otherKey.ExportPkcs8PrivateKeyPem());
        e = Assert.Throws<InvalidOperationException>(() => AdminProvidedCertificate.Load(certFile, keyFile, now));
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not the key of the certificate", e.Message, StringComparison.Ordinal);

        File.WriteAllText(keyFile, "garbage");
        e = Assert.Throws<InvalidOperationException>(() => AdminProvidedCertificate.Load(certFile, keyFile, now));
        Assert.Contains("no unencrypted PEM", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsSettingsValidator_HalfOfAPair_IsNamed()
    {
        var result = new TlsSettingsValidator().Validate(null, new TlsSettings { CertificateFile = "/etc/x.pem", Hostnames = ["bad name!"] });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Hyperfleet:Tls:KeyFile", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("bad name!", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("31.00:00:00")]
    public void TlsSettingsValidator_CheckIntervalOutOfRange_IsNamed(string interval)
    {
        var result = new TlsSettingsValidator().Validate(null, new TlsSettings { ExpiryCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains(result.Failures!, f => f.Contains("Hyperfleet:Tls:ExpiryCheckInterval", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(dataDir, recursive: true);
}
