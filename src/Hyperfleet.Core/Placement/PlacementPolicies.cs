namespace Hyperfleet.Core.Placement;

/// <summary>The wire names of <see cref="PlacementPolicy"/> and their parsing (exact, lower case).</summary>
public static class PlacementPolicies
{
    /// <summary>The policy used when configuration names none.</summary>
    public const PlacementPolicy Default = PlacementPolicy.AvailableRamPercent;

    /// <summary>Every wire name, in the order of the enum.</summary>
    public static IReadOnlyList<string> WireNames { get; } =
        ["available_ram_percent", "available_ram", "round_robin", "less_cpu"];

    /// <summary>The wire name of a policy, e.g. <c>available_ram_percent</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined policy.</exception>
    public static string WireName(PlacementPolicy policy) => policy switch
    {
        PlacementPolicy.AvailableRamPercent => "available_ram_percent",
        PlacementPolicy.AvailableRam => "available_ram",
        PlacementPolicy.RoundRobin => "round_robin",
        PlacementPolicy.LessCpu => "less_cpu",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a placement policy."),
    };

    /// <summary>Parses a wire name; null or empty means <see cref="Default"/>.</summary>
    /// <returns>False for any other text (including other casings).</returns>
    public static bool TryParse(string? value, out PlacementPolicy policy)
    {
        switch (value)
        {
            case null or "" or "available_ram_percent":
                policy = PlacementPolicy.AvailableRamPercent;
                return true;
            case "available_ram":
                policy = PlacementPolicy.AvailableRam;
                return true;
            case "round_robin":
                policy = PlacementPolicy.RoundRobin;
                return true;
            case "less_cpu":
                policy = PlacementPolicy.LessCpu;
                return true;
            default:
                policy = Default;
                return false;
        }
    }

    /// <summary>Parses a wire name; null or empty means <see cref="Default"/>.</summary>
    /// <exception cref="FormatException">Unknown name; the message quotes it and lists the valid names.</exception>
    public static PlacementPolicy Parse(string? value) =>
        TryParse(value, out var policy)
            ? policy
            : throw new FormatException(
                $"Unknown placement policy '{value}'; use one of: {string.Join(", ", WireNames)}.");
}
