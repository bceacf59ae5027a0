namespace Hyperfleet.Contracts.Ports;

/// <summary>One row of a hypervisor's port table: a flow of traffic and where a firewall must let it in.</summary>
/// <param name="Key">Stable identifier of the row; see <see cref="PortRequirementKeys"/>.</param>
/// <param name="TrafficType">Short human name, e.g. <c>VPN tunnel (WireGuard)</c>.</param>
/// <param name="Protocol">Transport protocol.</param>
/// <param name="FirstPort">First destination port.</param>
/// <param name="LastPort">Last destination port; equal to <paramref name="FirstPort"/> for a single port.</param>
/// <param name="Ports">The ports as text: <c>4443</c> or <c>5900-7899</c>.</param>
/// <param name="From">Where connections (or datagrams) come from.</param>
/// <param name="To">Where they go.</param>
/// <param name="OpenOn">The host whose firewall must accept or forward the ports, or null when the row needs no port of its own.</param>
/// <param name="Applies">Whether this hypervisor needs the row, given its tunneling mode, flavour and capabilities.</param>
/// <param name="Description">What the traffic is and, when the row does not apply, why not.</param>
/// <param name="Origin">Whether the row is the IsardVDI table's, adapted from it, or Hyperfleet's own.</param>
/// <param name="OriginNote">For adapted and Hyperfleet rows, how and why they differ from the IsardVDI table; otherwise null.</param>
public sealed record PortRequirement(
    string Key,
    string TrafficType,
    TransportProtocol Protocol,
    int FirstPort,
    int LastPort,
    string Ports,
    PortEndpoint From,
    PortEndpoint To,
    FirewallHost? OpenOn,
    bool Applies,
    string Description,
    PortRequirementOrigin Origin,
    string? OriginNote);
