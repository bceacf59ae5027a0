namespace Hyperfleet.Core.Placement;

/// <summary>Why one host cannot take the desktop.</summary>
/// <param name="HostId">The hypervisor.</param>
/// <param name="Reason">The first filter it failed.</param>
/// <param name="Detail">One line for a VDI admin, e.g. <c>not enough free memory (free 900 MiB − reserved 512 − min free 256 &lt; 1024 needed)</c>.</param>
public readonly record struct PlacementRefusal(string HostId, PlacementRefusalReason Reason, string Detail);
