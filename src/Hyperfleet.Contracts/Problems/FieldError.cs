namespace Hyperfleet.Contracts.Problems;

/// <summary>One invalid field of a request, as listed in a <c>validation_failed</c> problem's <c>errors</c>.</summary>
/// <param name="Field">The field's JSON name (dotted for nested members, e.g. <c>viewer.spice_port</c>).</param>
/// <param name="Code">Stable code, e.g. <c>hostname_loopback</c>.</param>
/// <param name="Message">One line for humans.</param>
public sealed record FieldError(string Field, string Code, string Message);
