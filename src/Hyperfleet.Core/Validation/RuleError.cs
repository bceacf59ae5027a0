namespace Hyperfleet.Core.Validation;

/// <summary>Why a value breaks a rule: a stable code (see <see cref="RuleCodes"/>) and one line for humans.</summary>
/// <param name="Code">Stable code, e.g. <c>hostname_loopback</c>.</param>
/// <param name="Message">One line that says what is wrong and how to fix it.</param>
/// <param name="Field">The field or setting at fault, when the rule checked several (e.g. <c>WG_HYPERS_PORT</c>).</param>
public sealed record RuleError(string Code, string Message, string? Field = null);
