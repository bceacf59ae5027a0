namespace Hyperfleet.Core.Validation;

/// <summary>SSH user names: portable POSIX user names, <c>[a-z_][a-z0-9_-]{0,31}</c>, which also keeps them safe in a <c>qemu+ssh://user@host</c> URI.</summary>
public static class SshUserRule
{
    /// <summary>Longest user name.</summary>
    public const int MaxLength = 32;

    /// <summary>Checks a user name; returns null when it is valid.</summary>
    public static RuleError? Validate(string? user)
    {
        if (string.IsNullOrEmpty(user) || user.Length > MaxLength
            || !(char.IsAsciiLetterLower(user[0]) || user[0] == '_')
            || !user.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            return new RuleError(RuleCodes.SshUserInvalid,
                $"use a user name of 1 to {MaxLength} lower-case letters, digits, '_' and '-', starting with a letter or '_' (e.g. root).");
        }
        return null;
    }
}
