namespace Hyperfleet.Core.Certificates;

/// <summary>A certificate signing request that is refused: unreadable, badly signed, a weak key, or names not allowed.</summary>
public sealed class CertificateRequestException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary><c>csr_invalid</c> (unreadable or badly signed), <c>csr_key_weak</c> or <c>csr_names_not_allowed</c>.</summary>
    public string Code { get; } = code;

    public const string Invalid = "csr_invalid";
    public const string KeyWeak = "csr_key_weak";
    public const string NamesNotAllowed = "csr_names_not_allowed";
}
