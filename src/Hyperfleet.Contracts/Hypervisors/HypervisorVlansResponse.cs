namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>The VLANs a hypervisor carries on its trunk, as its agent reported them.</summary>
/// <param name="Trunk">The trunk interface.</param>
/// <param name="Interfaces">One interface per VLAN: <c>v100</c>, <c>v200</c>…</param>
/// <param name="Ids">The VLAN ids, ascending.</param>
/// <param name="Detected">Found by listening for 802.1Q tags (true) or from the host's static list (false).</param>
/// <param name="ReportedAt">When the agent reported them.</param>
public sealed record HypervisorVlansResponse(string Trunk, IReadOnlyList<string> Interfaces, IReadOnlyList<int> Ids, bool Detected, DateTimeOffset? ReportedAt);
