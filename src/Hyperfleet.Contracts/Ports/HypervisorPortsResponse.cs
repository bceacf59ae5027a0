using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Contracts.Ports;

/// <summary>Body of <c>GET /api/v1/hypervisors/{id}/ports</c>: the ports a hypervisor needs and the firewall commands that open them.</summary>
/// <param name="HypervisorId">The hypervisor.</param>
/// <param name="Hostname">Its hostname; firewall rules on the control plane accept only this address when it is an IP literal.</param>
/// <param name="VpnTunnelingMode">Its tunneling mode, which picks the tunnel port.</param>
/// <param name="Flavour">Its flavour, which picks the video ports.</param>
/// <param name="Capabilities">Its capabilities; disk operations add no port.</param>
/// <param name="Requirements">Every row of the port table, including those that do not apply (see <see cref="PortRequirement.Applies"/>).</param>
/// <param name="FirewallCommands">Command sets for each host (control plane, hypervisor), deployment (native, container) and dialect (iptables, firewalld), in that order.</param>
public sealed record HypervisorPortsResponse(
    string HypervisorId,
    string Hostname,
    VpnTunnelingMode VpnTunnelingMode,
    HypervisorFlavour Flavour,
    HypervisorCapabilities Capabilities,
    IReadOnlyList<PortRequirement> Requirements,
    IReadOnlyList<FirewallCommandSet> FirewallCommands);
