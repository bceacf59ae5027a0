using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// WireGuard (X25519) keys: generated and checked here so that neither the server nor the agent has to shell
/// out to <c>wg genkey</c>/<c>wg pubkey</c>, and converted between the base64 that people and wg-quick files
/// use and the hex that wireguard-go's UAPI speaks.
/// </summary>
/// <remarks>
/// The .NET 10 BCL has no X25519 (it arrives in .NET 11), so the curve comes from BouncyCastle's managed
/// RFC 7748 implementation; nothing here does curve arithmetic of its own.
/// </remarks>
public static class WireGuardKeys
{
    /// <summary>Bytes in a WireGuard key, private or public.</summary>
    public const int KeySize = 32;

    /// <summary>Characters in a key's base64 form (32 bytes → 44 with one <c>=</c> of padding).</summary>
    public const int Base64Length = 44;

    /// <summary>Characters in a key's hex form, as the UAPI reads and writes it.</summary>
    public const int HexLength = 64;

    /// <summary>
    /// A new key pair from the OS's CSPRNG, with the private key clamped the way <c>wg genkey</c> does, so the
    /// stored private key is byte-for-byte what WireGuard itself would have produced and used.
    /// </summary>
    public static WireGuardKeyPair Generate()
    {
        Span<byte> privateKey = stackalloc byte[KeySize];
        Span<byte> publicKey = stackalloc byte[KeySize];
        try
        {
            RandomNumberGenerator.Fill(privateKey);
            Clamp(privateKey);
            X25519.ScalarMultBase(privateKey, publicKey);
            return new WireGuardKeyPair(Convert.ToBase64String(privateKey), Convert.ToBase64String(publicKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>
    /// The public key of a base64 private key, as <c>wg pubkey</c> prints it. An unclamped private key gives the
    /// same answer as its clamped form (X25519 clamps when it decodes the scalar), as with <c>wg pubkey</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a 32-byte base64 key.</exception>
    public static string PublicKeyOf(string privateKeyBase64)
    {
        Span<byte> privateKey = stackalloc byte[KeySize];
        try
        {
            Decode(privateKeyBase64, privateKey, nameof(privateKeyBase64));
            return PublicKeyOf(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>
    /// True when the text is exactly a WireGuard key in canonical base64: 44 characters that decode to 32
    /// bytes and encode back to the same text (wg itself refuses keys with stray bits in the padding).
    /// </summary>
    public static bool IsValidKey(string? base64)
    {
        if (base64 is not { Length: Base64Length })
        {
            return false;
        }
        Span<byte> key = stackalloc byte[KeySize + 1];
        if (!Convert.TryFromBase64String(base64, key, out var written) || written != KeySize)
        {
            return false;
        }
        return string.Equals(Convert.ToBase64String(key[..KeySize]), base64, StringComparison.Ordinal);
    }

    /// <summary>A base64 key in the lowercase hex form that the UAPI expects (<c>private_key=</c>, <c>public_key=</c>).</summary>
    /// <exception cref="ArgumentException">The text is not a 32-byte base64 key.</exception>
    public static string ToHex(string base64)
    {
        Span<byte> key = stackalloc byte[KeySize];
        try
        {
            Decode(base64, key, nameof(base64));
            return Convert.ToHexStringLower(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>A hex key as the UAPI prints it (64 characters, either case) back in base64.</summary>
    /// <exception cref="ArgumentException">The text is not 64 hex characters.</exception>
    public static string FromHex(string hex)
    {
        if (hex is not { Length: HexLength })
        {
            throw new ArgumentException($"A WireGuard key in hex has {HexLength} characters.", nameof(hex));
        }
        Span<byte> key = stackalloc byte[KeySize];
        try
        {
            if (Convert.FromHexString(hex, key, out _, out var written) != System.Buffers.OperationStatus.Done || written != KeySize)
            {
                throw new ArgumentException("A WireGuard key in hex has only the characters 0-9 and a-f.", nameof(hex));
            }
            return Convert.ToBase64String(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The public key of raw private key bytes; for the UAPI reader, which gets the private key in hex.</summary>
    internal static string PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        Span<byte> publicKey = stackalloc byte[KeySize];
        X25519.ScalarMultBase(privateKey, publicKey);
        return Convert.ToBase64String(publicKey);
    }

    /// <summary>Curve25519 clamping as <c>wg genkey</c> applies it (RFC 7748 §5's decodeScalar25519).</summary>
    internal static void Clamp(Span<byte> key)
    {
        key[0] &= 248;
        key[31] = (byte)((key[31] & 127) | 64);
    }

    private static void Decode(string base64, Span<byte> key, string parameterName)
    {
        if (!IsValidKey(base64) || !Convert.TryFromBase64String(base64, key, out _))
        {
            throw new ArgumentException($"Not a WireGuard key: expected {KeySize} bytes of base64 ({Base64Length} characters).", parameterName);
        }
    }
}
