using System.Security.Cryptography;

namespace Hyperfleet.Core.Ssh;

/// <summary>OpenSSH-style fingerprints (<c>SHA256:…</c>, as <c>ssh-keygen -lf</c> prints) of public keys.</summary>
public static class HostKeyFingerprint
{
    /// <summary>
    /// Fingerprint of a key in OpenSSH public-key format (<c>ssh-ed25519 AAAA… comment</c>), or of the bare
    /// base64 blob. Returns null when the text is not such a key.
    /// </summary>
    public static string? Sha256(string? publicKey)
    {
        if (string.IsNullOrWhiteSpace(publicKey))
        {
            return null;
        }
        var parts = publicKey.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var blob = parts.Length >= 2 ? parts[1] : parts[0];
        try
        {
            var hash = SHA256.HashData(Convert.FromBase64String(blob));
            return "SHA256:" + Convert.ToBase64String(hash).TrimEnd('=');
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
