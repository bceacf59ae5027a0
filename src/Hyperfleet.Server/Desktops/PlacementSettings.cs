namespace Hyperfleet.Server.Desktops;

/// <summary>Placement configuration, bound from <c>Hyperfleet:Placement</c>.</summary>
public sealed class PlacementSettings
{
    /// <summary>
    /// The weigher that ranks the hypervisors able to take a desktop: <c>available_ram_percent</c> (default),
    /// <c>available_ram</c>, <c>round_robin</c> or <c>less_cpu</c>.
    /// </summary>
    public string Weigher { get; set; } = "available_ram_percent";
}
