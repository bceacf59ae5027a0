namespace Hyperfleet.Core.Validation;

/// <summary>Identifiers (hypervisor ids, …): 1–63 lower-case letters, digits and dashes, starting and ending with a letter or digit, so they fit a DNS label.</summary>
public static class SlugRule
{
    /// <summary>Longest identifier.</summary>
    public const int MaxLength = 63;

    /// <summary>Checks an identifier; returns null when it is valid.</summary>
    public static RuleError? Validate(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength
            || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || id[0] == '-' || id[^1] == '-')
        {
            return new RuleError(RuleCodes.IdInvalid,
                $"use 1 to {MaxLength} lower-case letters, digits and dashes, starting and ending with a letter or digit (e.g. hv-01).");
        }
        return null;
    }
}
