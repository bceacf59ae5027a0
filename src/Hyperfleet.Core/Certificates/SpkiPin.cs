using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hyperfleet.Core.Certificates;

/// <summary>
/// The pin of a public key, in kubeadm's form: <c>sha256:</c> and the lowercase hex of SHA-256 over the
/// certificate's SubjectPublicKeyInfo DER (what <c>openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum</c>
/// prints). A pin survives re-issuing a certificate for the same key, so agents pin the CA this way.
/// </summary>
public static class SpkiPin
{
    public const string Prefix = "sha256:";

    public static string Of(X509Certificate2 certificate) => OfSpki(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    public static string OfSpki(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    /// <summary>Whether <paramref name="pin"/> is of the form <c>sha256:</c> + 64 hex digits (either case).</summary>
    public static bool IsWellFormed(string? pin) =>
        pin is { Length: 71 } && pin.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && pin[Prefix.Length..].All(Uri.IsHexDigit);

    /// <summary>Whether the certificate's public key is the pinned one (hex compared case-insensitively).</summary>
    public static bool PinMatches(X509Certificate2 certificate, string pin) =>
        IsWellFormed(pin) && string.Equals(Of(certificate), pin.Trim(), StringComparison.OrdinalIgnoreCase);
}
