using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Hyperfleet.Core.Certificates;

/// <summary>
/// Accepts a server certificate the system trusts, or, given a pin (<c>--ca-pin</c>, <c>HYPERFLEET_CA_PIN</c>), one that
/// chains to a certificate with that SPKI pin: one in the presented chain (an admin-provided chain's intermediate), or a
/// CA certificate the caller fetched and whose pin it checked (TLS servers leave the root out of the chain they send,
/// so a client pinning our CA fetches <c>/api/v1/ca</c> first, as kubeadm does). The chain is rebuilt with that
/// certificate as the only trusted root, so signatures are checked; the host name must match in every case.
/// </summary>
public static class PinnedCertificateValidation
{
    public static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, string? pin,
        IEnumerable<X509Certificate2>? knownCertificates = null) =>
        Validate(certificate, presented, errors, pin, knownCertificates, DateTimeOffset.UtcNow);

    public static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, string? pin,
        IEnumerable<X509Certificate2>? knownCertificates, DateTimeOffset now)
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
        candidates.AddRange(knownCertificates ?? []);
        var anchor = candidates.FirstOrDefault(c => SpkiPin.PinMatches(c, pin));
        if (anchor is null)
        {
            return false;
        }
        if (anchor.RawData.AsSpan().SequenceEqual(leaf.RawData))
        {
            return leaf.NotAfter.ToUniversalTime() > now.UtcDateTime && leaf.NotBefore.ToUniversalTime() <= now.UtcDateTime;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        chain.ChainPolicy.ExtraStore.AddRange(candidates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(leaf);
    }
}
