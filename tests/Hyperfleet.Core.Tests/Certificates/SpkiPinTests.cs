using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Core.Tests.Certificates;

public sealed class SpkiPinTests
{
    [Fact]
    public void Of_IsWhatOpensslComputes()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", DateTimeOffset.UtcNow);
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, ca.ExportCertificatePem());
            var hex = Shell($"openssl x509 -in '{file}' -pubkey -noout | openssl pkey -pubin -outform der | sha256sum").Split(' ')[0];
            Assert.Equal("sha256:" + hex, SpkiPin.Of(ca));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Of_IsStableAcrossReissueForTheSameKey()
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", DateTimeOffset.UtcNow);
        using var publicOnly = X509CertificateLoader.LoadCertificate(ca.RawData);
        var pin = SpkiPin.Of(ca);
        Assert.Equal(pin, SpkiPin.Of(publicOnly));
        Assert.Matches("^sha256:[0-9a-f]{64}$", pin);
        Assert.True(SpkiPin.PinMatches(publicOnly, pin.ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha1:0000")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public void PinMatches_OtherOrMalformedPin_IsFalse(string pin)
    {
        using var ca = CertificateAuthority.CreateCa("Hyperfleet CA", DateTimeOffset.UtcNow);
        Assert.False(SpkiPin.PinMatches(ca, pin));
    }

    private static string Shell(string command)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output.Trim();
    }
}
