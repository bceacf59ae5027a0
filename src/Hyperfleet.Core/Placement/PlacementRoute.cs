namespace Hyperfleet.Core.Placement;

/// <summary>Which rule picked the host of a <see cref="PlacementDecision"/>.</summary>
public enum PlacementRoute
{
    /// <summary>No host was chosen; see <see cref="PlacementDecision.Failure"/>.</summary>
    None,

    /// <summary>The desktop is forced to the host, and the host passed the filters.</summary>
    Forced,

    /// <summary>The desktop's favourite host passed the filters.</summary>
    Favourite,

    /// <summary>The configured <see cref="PlacementPolicy"/> ranked the eligible hosts.</summary>
    Weighed,
}
