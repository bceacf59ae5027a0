using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hyperfleet.Core.Enrollment;

/// <summary>
/// The shape of an enrollment token, kubeadm's: <c>[a-z0-9]{6}.[a-z0-9]{16}</c>. The six characters before the dot name
/// the token (they appear in lists and logs); the sixteen after it (about 82 bits) are the secret.
/// </summary>
public static partial class EnrollmentTokenFormat
{
    public const int IdLength = 6;
    public const int SecretLength = 16;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, IdLength);

    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, SecretLength);

    public static bool IsWellFormed(string? token) => token is not null && Shape().IsMatch(token);

    /// <summary>The id part of a well-formed token, else null.</summary>
    public static string? IdOf(string? token) => IsWellFormed(token) ? token![..IdLength] : null;

    [GeneratedRegex("^[a-z0-9]{6}\\.[a-z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
