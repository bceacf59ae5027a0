using System.Net;
using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Networking;

namespace Hyperfleet.Core.Tests.Networking;

public class IptablesCommandsTests
{
    [Theory]
    [InlineData(TransportProtocol.Udp, 4443, 4443, null, null, null, "iptables -A INPUT -p udp --dport 4443 -j ACCEPT")]
    [InlineData(TransportProtocol.Tcp, 5900, 7899, null, null, null, "iptables -A INPUT -p tcp --dport 5900:7899 -j ACCEPT")]
    [InlineData(TransportProtocol.Udp, 4443, 4443, "192.0.2.10", null, null, "iptables -A INPUT -p udp -s 192.0.2.10 --dport 4443 -j ACCEPT")]
    [InlineData(TransportProtocol.Tcp, 2022, 2022, "2001:db8::1", null, null, "ip6tables -A INPUT -p tcp -s 2001:db8::1 --dport 2022 -j ACCEPT")]
    [InlineData(TransportProtocol.Udp, 4443, 4443, null, "172.31.255.23", 4443, "iptables -t nat -A PREROUTING -p udp --dport 4443 -j DNAT --to-destination 172.31.255.23:4443")]
    [InlineData(TransportProtocol.Tcp, 2022, 2022, null, "172.31.255.17", 22, "iptables -t nat -A PREROUTING -p tcp --dport 2022 -j DNAT --to-destination 172.31.255.17:22")]
    [InlineData(TransportProtocol.Tcp, 5900, 7899, null, "172.31.255.17", null, "iptables -t nat -A PREROUTING -p tcp --dport 5900:7899 -j DNAT --to-destination 172.31.255.17")]
    [InlineData(TransportProtocol.Udp, 6081, 6081, "198.51.100.7", "172.31.255.23", 6081, "iptables -t nat -A PREROUTING -p udp -s 198.51.100.7 --dport 6081 -j DNAT --to-destination 172.31.255.23:6081")]
    public void Write_Opening_ProducesTheIptablesCommand(
        TransportProtocol protocol, int first, int last, string? source, string? toAddress, int? toPort, string expected)
    {
        var opening = new FirewallOpening(protocol, first, last, source is null ? null : IPAddress.Parse(source), toAddress, toPort);

        Assert.Equal(expected, IptablesCommands.Write(opening));
    }
}
