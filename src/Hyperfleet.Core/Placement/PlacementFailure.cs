namespace Hyperfleet.Core.Placement;

/// <summary>Why no hypervisor can take a desktop: per host, and as one readable summary.</summary>
/// <param name="Refusals">Every host that was considered and why it was refused, in ordinal order of host id.
/// For a forced desktop only the forced host is listed.</param>
/// <param name="Explanation">One paragraph for the admin: hosts grouped by reason, the memory arithmetic of the
/// closest candidates, e.g. <c>No hypervisor can start desktop d1 (1024 MiB, pool default); 3 hosts: 2 hosts
/// offline (hv1, hv3); hv2: not enough free memory (free 900 MiB − reserved 512 − min free 256 &lt; 1024 needed).</c></param>
public sealed record PlacementFailure(IReadOnlyList<PlacementRefusal> Refusals, string Explanation);
