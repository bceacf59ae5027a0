namespace Hyperfleet.Contracts.Desktops;

/// <summary>One hypervisor that could not take a desktop, listed in a <c>no_hypervisor</c> problem's <c>refusals</c>.</summary>
/// <param name="Hypervisor">The hypervisor.</param>
/// <param name="Reason">Stable code of the first filter it failed, e.g. <c>not_enough_memory</c>, <c>offline</c>.</param>
/// <param name="Detail">One line for humans.</param>
public sealed record PlacementRefusalResponse(string Hypervisor, string Reason, string Detail);
