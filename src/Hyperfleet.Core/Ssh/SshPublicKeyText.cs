using System.Buffers.Binary;
using System.Text;

namespace Hyperfleet.Core.Ssh;

/// <summary>An SSH public key line as OpenSSH writes it (<c>type base64-blob [comment]</c>), checked and reduced to what identifies it.</summary>
public static class SshPublicKeyText
{
    private static readonly string[] Types =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"];

    /// <summary>
    /// What identifies a key line: its first two fields, <c>type blob</c>, without options' or comments' differences
    /// after them (the form known_hosts and authorized_keys are matched on). No checking: see <see cref="Normalize"/>.
    /// </summary>
    public static string KeyPart(string text) => string.Join(' ', text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    /// <summary>Same algorithm and key blob; comments do not matter.</summary>
    public static bool SameKey(string a, string b) => string.Equals(KeyPart(a), KeyPart(b), StringComparison.Ordinal);

    /// <summary>
    /// <c>type blob</c> without the comment, when <paramref name="text"/> is one public key of a known host key type whose
    /// blob names that same type (as every OpenSSH key blob starts with); else null.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !Types.Contains(parts[0], StringComparer.Ordinal))
        {
            return null;
        }
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (blob.Length < 4)
        {
            return null;
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length != parts[0].Length || blob.Length < 4 + length || Encoding.ASCII.GetString(blob, 4, (int)length) != parts[0])
        {
            return null;
        }
        return parts[0] + " " + parts[1];
    }
}
