namespace Hyperfleet.Core.Validation;

/// <summary>TCP/UDP port numbers and port ranges.</summary>
public static class PortNumberRule
{
    /// <summary>Lowest port.</summary>
    public const int Min = 1;

    /// <summary>Highest port.</summary>
    public const int Max = 65535;

    /// <summary>Checks a port; returns null when it is within 1–65535.</summary>
    /// <param name="port">The port.</param>
    /// <param name="field">The field or setting it came from, named in the message when given.</param>
    public static RuleError? Validate(int port, string? field = null) =>
        port is >= Min and <= Max
            ? null
            : new RuleError(RuleCodes.PortOutOfRange, $"{field ?? "the port"} must be between {Min} and {Max} (got {port}).", field);

    /// <summary>Checks a range of ports; returns null when both ends are valid ports and the first is not above the last.</summary>
    /// <param name="first">First port.</param>
    /// <param name="last">Last port.</param>
    /// <param name="field">The field or setting it came from, named in the message when given.</param>
    public static RuleError? ValidateRange(int first, int last, string? field = null)
    {
        if (first is < Min or > Max || last is < Min or > Max || first > last)
        {
            return new RuleError(RuleCodes.PortOutOfRange,
                $"{field ?? "the port range"} must be two ports between {Min} and {Max}, the first not above the last (got {first}-{last}).", field);
        }
        return null;
    }
}
