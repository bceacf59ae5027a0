namespace Hyperfleet.Contracts.Agent;

/// <summary>
/// Body of <c>POST /api/v1/agent/vlans</c>: the VLANs a host carries on its trunk interface
/// (<c>HYPERVISOR_HOST_TRUNK_INTERFACE</c>), from its static list (<c>HYPERVISOR_STATIC_VLANS</c>) or found by listening
/// for 802.1Q tags; each is interface <c>v&lt;id&gt;</c> on the host.
/// </summary>
/// <param name="Trunk">The trunk interface.</param>
/// <param name="Vlans">The VLAN ids (1–4094).</param>
/// <param name="Detected">Whether they were found by listening (true) or listed in the config (false).</param>
public sealed record AgentVlansRequest(string Trunk, IReadOnlyList<int> Vlans, bool Detected);
