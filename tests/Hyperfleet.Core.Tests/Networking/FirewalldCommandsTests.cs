using System.Net;
using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Networking;

namespace Hyperfleet.Core.Tests.Networking;

public class FirewalldCommandsTests
{
    [Theory]
    [InlineData(TransportProtocol.Udp, 4443, 4443, null, null, null,
        "firewall-cmd --permanent --add-port=4443/udp")]
    [InlineData(TransportProtocol.Tcp, 5900, 7899, null, null, null,
        "firewall-cmd --permanent --add-port=5900-7899/tcp")]
    [InlineData(TransportProtocol.Udp, 4443, 4443, "192.0.2.10", null, null,
        "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"192.0.2.10\" port port=\"4443\" protocol=\"udp\" accept'")]
    [InlineData(TransportProtocol.Tcp, 5900, 7899, "2001:db8::1", null, null,
        "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv6\" source address=\"2001:db8::1\" port port=\"5900-7899\" protocol=\"tcp\" accept'")]
    [InlineData(TransportProtocol.Udp, 4443, 4443, null, "172.31.255.23", 4443,
        "firewall-cmd --permanent --add-forward-port=port=4443:proto=udp:toaddr=172.31.255.23:toport=4443")]
    [InlineData(TransportProtocol.Tcp, 2022, 2022, null, "172.31.255.17", 22,
        "firewall-cmd --permanent --add-forward-port=port=2022:proto=tcp:toaddr=172.31.255.17:toport=22")]
    [InlineData(TransportProtocol.Tcp, 5900, 7899, null, "172.31.255.17", null,
        "firewall-cmd --permanent --add-forward-port=port=5900-7899:proto=tcp:toaddr=172.31.255.17")]
    [InlineData(TransportProtocol.Udp, 6081, 6081, "198.51.100.7", "172.31.255.23", 6081,
        "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"198.51.100.7\" forward-port port=\"6081\" protocol=\"udp\" to-port=\"6081\" to-addr=\"172.31.255.23\"'")]
    [InlineData(TransportProtocol.Tcp, 5900, 7899, "198.51.100.7", "172.31.255.17", null,
        "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"198.51.100.7\" forward-port port=\"5900-7899\" protocol=\"tcp\" to-addr=\"172.31.255.17\"'")]
    public void Write_Opening_ProducesThePermanentFirewalldCommand(
        TransportProtocol protocol, int first, int last, string? source, string? toAddress, int? toPort, string expected)
    {
        var opening = new FirewallOpening(protocol, first, last, source is null ? null : IPAddress.Parse(source), toAddress, toPort);

        Assert.Equal(expected, FirewalldCommands.Write(opening));
    }
}
