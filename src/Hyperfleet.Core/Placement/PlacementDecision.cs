namespace Hyperfleet.Core.Placement;

/// <summary>
/// The outcome of <see cref="PlacementFleet.Place"/>: the chosen host, or a <see cref="PlacementFailure"/> that says
/// why each host was refused. A success allocates nothing.
/// </summary>
/// <param name="HostId">The chosen hypervisor, or null when none fits.</param>
/// <param name="Route">Forced, favourite or weighed; <see cref="PlacementRoute.None"/> on failure.</param>
/// <param name="Failure">Why nothing fits; null on success.</param>
/// <param name="FavouriteRefused">Why the desktop's favourite host could not take it, when it has one that was passed over.</param>
public readonly record struct PlacementDecision(string? HostId, PlacementRoute Route, PlacementFailure? Failure,
    PlacementRefusalReason? FavouriteRefused = null)
{
    /// <summary>A host was chosen.</summary>
    public bool IsPlaced => HostId is not null;
}
