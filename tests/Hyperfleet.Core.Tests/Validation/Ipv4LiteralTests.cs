using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Validation;

public class Ipv4LiteralTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("127.0.1", "127.0.0.1")]
    [InlineData("10.65535", "10.0.255.255")]
    [InlineData("10.1.65535", "10.1.255.255")]
    [InlineData("0x7f.0.0.1", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7F000001", "127.0.0.1")]
    [InlineData("4294967295", "255.255.255.255")]
    [InlineData("010.0.0.1", "8.0.0.1")]
    [InlineData("0", "0.0.0.0")]
    public void TryParseLoose_FormInetAtonAccepts_ReturnsTheAddressItDenotes(string text, string expected)
    {
        Assert.True(Ipv4Literal.TryParseLoose(text, out var address));
        Assert.Equal(expected, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.1")]
    [InlineData("1.256.0.1")]
    [InlineData("1.2.256.1")]
    [InlineData("1.2.3.256")]
    [InlineData("1.2.65536")]
    [InlineData("1.16777216")]
    [InlineData("4294967296")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("0xg")]
    [InlineData("1..2")]
    [InlineData("1.2.3.")]
    [InlineData("x1.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("99999999999999999999999")]
    public void TryParseLoose_FormInetAtonRefuses_ReturnsFalse(string text)
    {
        Assert.False(Ipv4Literal.TryParseLoose(text, out _));
    }

    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("192.0.2.010", false)]
    [InlineData("192.0.2", false)]
    [InlineData("192.0.2.256", false)]
    [InlineData("192.0.2.1.", false)]
    [InlineData("0x1.0.0.1", false)]
    [InlineData("+1.0.0.1", false)]
    [InlineData("１.0.0.1", false)]
    public void IsCanonical_Text_OnlyFourPlainDecimalOctets(string text, bool expected)
    {
        Assert.Equal(expected, Ipv4Literal.IsCanonical(text));
    }
}
