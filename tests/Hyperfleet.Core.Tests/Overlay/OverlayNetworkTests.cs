using System.Net;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

public class OverlayNetworkTests
{
    [Theory]
    [InlineData("100.72.0.0/16", 16, 65_533)]
    [InlineData("10.0.0.0/8", 8, 16_777_213)]
    [InlineData("192.168.5.8/29", 29, 5)]
    public void TryParse_ValidNetwork_ParsesWithCapacity(string text, int prefix, long capacity)
    {
        var ok = OverlayNetwork.TryParse(text, out var network, out var error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.NotNull(network);
        Assert.Equal(text, network.ToString());
        Assert.Equal(prefix, network.PrefixLength);
        Assert.Equal(capacity, network.Capacity);
    }

    [Theory]
    [InlineData("fd00:72::/64", "IPv4")]
    [InlineData("100.72.0.5/16", "host bits")]
    [InlineData("10.8.0.0/8", "host bits")]
    [InlineData("100.72/16", "IPv4")]
    [InlineData("100.72.0.0/30", "/29")]
    [InlineData("100.72.0.0/32", "/29")]
    [InlineData("100.0.0.0/7", "/8")]
    [InlineData("100.72.0.0", "CIDR")]
    [InlineData("garbage", "CIDR")]
    [InlineData("", "CIDR")]
    [InlineData(null, "CIDR")]
    public void TryParse_Invalid_FailsNamingTheProblem(string? text, string named)
    {
        var ok = OverlayNetwork.TryParse(text, out var network, out var error);

        Assert.False(ok, $"'{text}' was accepted as {network}");
        Assert.Null(network);
        Assert.NotNull(error);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheError()
    {
        var exception = Assert.Throws<FormatException>(() => OverlayNetwork.Parse("100.72.0.0/30"));

        Assert.Contains("/29", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100.72.0.0/16", "100.72.0.1")]
    [InlineData("10.0.0.0/8", "10.0.0.1")]
    [InlineData("192.168.5.8/29", "192.168.5.9")]
    public void NodeAddress_AnyNetwork_IsTheFirstHost(string cidr, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), OverlayNetwork.Parse(cidr).NodeAddress);
    }

    [Fact]
    public void FirstFree_NothingTaken_IsTheAddressAfterTheNode()
    {
        Assert.Equal(IPAddress.Parse("100.72.0.2"), OverlayNetwork.Parse("100.72.0.0/16").FirstFree([]));
    }

    [Fact]
    public void FirstFree_NodeAddressListedAsTaken_StillSkipsItAndTheNetworkAddress()
    {
        var network = OverlayNetwork.Parse("100.72.0.0/16");

        var free = network.FirstFree(["100.72.0.0", "100.72.0.1", "100.72.0.2"]);

        Assert.Equal(IPAddress.Parse("100.72.0.3"), free);
    }

    [Fact]
    public void FirstFree_GapInTaken_FillsTheGap()
    {
        var network = OverlayNetwork.Parse("100.72.0.0/16");

        var free = network.FirstFree(["100.72.0.2", "100.72.0.4", "100.72.0.3", "100.72.0.6"]);

        Assert.Equal(IPAddress.Parse("100.72.0.5"), free);
    }

    [Fact]
    public void FirstFree_TakenAcrossAnOctet_ContinuesIntoTheNextOctet()
    {
        var network = OverlayNetwork.Parse("100.72.0.0/16");
        var taken = Enumerable.Range(2, 254).Select(i => $"100.72.0.{i}");

        Assert.Equal(IPAddress.Parse("100.72.1.0"), network.FirstFree(taken));
    }

    [Fact]
    public void FirstFree_OutsideAndUnparsableAndNull_AreIgnored()
    {
        var network = OverlayNetwork.Parse("100.72.0.0/16");

        var free = network.FirstFree(["100.73.0.2", "10.0.0.2", "not-an-address", "", null, "fd00::2", "100.72.0.2"]);

        Assert.Equal(IPAddress.Parse("100.72.0.3"), free);
    }

    [Fact]
    public void FirstFree_Slash29_HasFiveHypervisorAddressesThenNull()
    {
        var network = OverlayNetwork.Parse("192.168.5.8/29");
        var given = new List<string?>();

        for (var i = 0; i < 5; i++)
        {
            var next = network.FirstFree(given);
            Assert.NotNull(next);
            given.Add(next.ToString());
        }

        Assert.Equal(["192.168.5.10", "192.168.5.11", "192.168.5.12", "192.168.5.13", "192.168.5.14"], given);
        Assert.Null(network.FirstFree(given));
    }

    [Fact]
    public void FirstFree_BroadcastListedAsTaken_DoesNotCountAsAHypervisorAddress()
    {
        var network = OverlayNetwork.Parse("192.168.5.8/29");

        // Everything but .14 is taken, .15 (broadcast) too: .14 is still free, .15 is never handed out.
        var free = network.FirstFree(["192.168.5.10", "192.168.5.11", "192.168.5.12", "192.168.5.13", "192.168.5.15"]);

        Assert.Equal(IPAddress.Parse("192.168.5.14"), free);
    }

    [Theory]
    [InlineData("100.72.0.2", true)]
    [InlineData("100.72.200.17", true)]
    [InlineData("100.72.255.254", true)]
    [InlineData("100.72.0.0", false)]
    [InlineData("100.72.0.1", false)]
    [InlineData("100.72.255.255", false)]
    [InlineData("100.73.0.2", false)]
    [InlineData("10.72.0.2", false)]
    [InlineData("fd00::2", false)]
    public void IsHostAddress_Slash16_OnlyHypervisorAddresses(string address, bool expected)
    {
        Assert.Equal(expected, OverlayNetwork.Parse("100.72.0.0/16").IsHostAddress(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("192.168.5.8", false)]
    [InlineData("192.168.5.9", false)]
    [InlineData("192.168.5.10", true)]
    [InlineData("192.168.5.14", true)]
    [InlineData("192.168.5.15", false)]
    [InlineData("192.168.5.16", false)]
    public void IsHostAddress_Slash29_OnlyTheFiveHypervisorAddresses(string address, bool expected)
    {
        Assert.Equal(expected, OverlayNetwork.Parse("192.168.5.8/29").IsHostAddress(IPAddress.Parse(address)));
    }

    [Fact]
    public void WithPrefix_Address_AppendsTheNetworksPrefix()
    {
        Assert.Equal("100.72.0.11/16", OverlayNetwork.Parse("100.72.0.0/16").WithPrefix(IPAddress.Parse("100.72.0.11")));
    }

    [Theory]
    [InlineData("100.72.0.11/16", "100.72.0.0/16")]
    [InlineData("100.72.3.200/22", "100.72.0.0/22")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("192.168.5.13/29", "192.168.5.8/29")]
    [InlineData("100.72.0.0/16", "100.72.0.0/16")]
    public void OfAddress_AddressWithPrefix_MasksHostBits(string addressWithPrefix, string expected)
    {
        var network = OverlayNetwork.OfAddress(addressWithPrefix);

        Assert.Equal(expected, network.ToString());
    }

    [Fact]
    public void OfAddress_ThenWithPrefix_RoundTripsTheHostsAddress()
    {
        var network = OverlayNetwork.OfAddress("100.72.0.11/16");

        Assert.Equal("100.72.0.11/16", network.WithPrefix(IPAddress.Parse("100.72.0.11")));
        Assert.True(network.IsHostAddress(IPAddress.Parse("100.72.0.11")));
    }

    [Theory]
    [InlineData("100.72.0.11")]
    [InlineData("100.72.0.11/")]
    [InlineData("100.72.0.11/30")]
    [InlineData("100.72.0.11/7")]
    [InlineData("100.72.0.11/+16")]
    [InlineData("100.72.0.11/ 16")]
    [InlineData("100.72.0.11/16/16")]
    [InlineData("fd00::11/64")]
    [InlineData("not-an-address/16")]
    [InlineData("100.72.11/16")]
    [InlineData("")]
    public void OfAddress_BadInput_ThrowsFormatExceptionQuotingIt(string addressWithPrefix)
    {
        var exception = Assert.Throws<FormatException>(() => OverlayNetwork.OfAddress(addressWithPrefix));

        Assert.Contains($"'{addressWithPrefix}'", exception.Message, StringComparison.Ordinal);
    }
}
