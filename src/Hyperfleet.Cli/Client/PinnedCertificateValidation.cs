using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Core.Certificates;

namespace Hyperfleet.Cli.Client;

/// <summary>
/// Accepts a server certificate the system trusts, or, given a pin (<c>--ca-pin</c>, <c>HYPERFLEET_CA_PIN</c>), one that
/// chains to a certificate in the presented chain whose SPKI has that pin: the chain is rebuilt with that certificate
/// as the only trusted root, so its signature is checked too. The host name must match in every case.
/// </summary>
public static class PinnedCertificateValidation
{
    public static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, string? pin)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (pin is null || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var candidates = presented?.ChainElements.Select(e => e.Certificate).ToList() ?? [];
        if (!candidates.Any(c => c.RawData.AsSpan().SequenceEqual(leaf.RawData)))
        {
            candidates.Insert(0, leaf);
        }
        var anchor = candidates.FirstOrDefault(c => SpkiPin.PinMatches(c, pin));
        if (anchor is null)
        {
            return false;
        }
        if (anchor.RawData.AsSpan().SequenceEqual(leaf.RawData))
        {
            return leaf.NotAfter.ToUniversalTime() > DateTime.UtcNow && leaf.NotBefore.ToUniversalTime() <= DateTime.UtcNow;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        chain.ChainPolicy.ExtraStore.AddRange(candidates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
