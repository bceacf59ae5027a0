using System.Net;
using Hyperfleet.Contracts.Ports;

namespace Hyperfleet.Core.Networking;

/// <summary>One hole to make in a host's firewall: accept (native) or forward to a container (when <see cref="ToAddress"/> is set).</summary>
/// <param name="Protocol">Transport protocol.</param>
/// <param name="FirstPort">First destination port.</param>
/// <param name="LastPort">Last destination port.</param>
/// <param name="Source">The only source allowed, or null for any.</param>
/// <param name="ToAddress">Container address to forward to, or null to accept on the host.</param>
/// <param name="ToPort">Container port to forward to, or null to keep the destination port (ranges).</param>
internal sealed record FirewallOpening(
    TransportProtocol Protocol,
    int FirstPort,
    int LastPort,
    IPAddress? Source,
    string? ToAddress,
    int? ToPort)
{
    public string ProtocolName => Protocol == TransportProtocol.Udp ? "udp" : "tcp";

    public bool SourceIsIpv6 => Source?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
