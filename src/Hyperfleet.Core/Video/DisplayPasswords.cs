using System.Security.Cryptography;

namespace Hyperfleet.Core.Video;

/// <summary>Fresh display passwords, one per viewer request.</summary>
public static class DisplayPasswords
{
    /// <summary>VNC authentication uses at most 8 characters of a password (DES key), so a VNC password is exactly 8.</summary>
    public const int VncLength = 8;

    /// <summary>SPICE has no such limit.</summary>
    public const int SpiceLength = 24;

    // Letters and digits only: safe in XML attributes, .vv files and URLs, and unambiguous when read aloud.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A random password of <paramref name="length"/> characters from a cryptographic source.</summary>
    public static string New(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return RandomNumberGenerator.GetString(Alphabet, length);
    }
}
