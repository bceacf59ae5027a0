using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Validation;

public class HostnameRuleTests
{
    [Theory]
    [InlineData("hv1")]
    [InlineData("hv1.example.org")]
    [InlineData("hv1.example.org.")]
    [InlineData("HV-01.Example.ORG")]
    [InlineData("isard-hypervisor")]
    [InlineData("1hv.example.org")]
    [InlineData("1.2.3.0x")]
    [InlineData("a.b.c.d.example")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("localhost.example.org")]
    [InlineData("mylocalhost")]
    [InlineData("0x7f.example.org")]
    [InlineData("192.0.2.10")]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0.example.org")]
    [InlineData("169.255.0.1")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.1")]
    [InlineData("2001:db8::10")]
    [InlineData("[2001:db8::10]")]
    [InlineData("2001:DB8:0:0:0:0:0:10")]
    [InlineData("::ffff:192.0.2.10")]
    [InlineData("fec0::1")]
    [InlineData("fe00::1")]
    public void Validate_ReachableHost_IsAccepted(string hostname)
    {
        Assert.Null(HostnameRule.Validate(hostname));
    }

    [Fact]
    public void Validate_LongestNameAndLabel_IsAccepted()
    {
        var label = new string('a', 63);
        var name = $"{label}.{label}.{label}.{new string('b', 61)}";
        Assert.Equal(253, name.Length);

        Assert.Null(HostnameRule.Validate(name));
        Assert.Null(HostnameRule.Validate(name + "."));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("127.1")]
    [InlineData("127.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("0X7F.0.0.1")]
    [InlineData("0x7f.1")]
    [InlineData("0x7f000001")]
    [InlineData("0177.0.0.1")]
    [InlineData("017700000001")]
    [InlineData("2130706433")]
    [InlineData("127.000.000.001")]
    [InlineData("127.0.0.1.")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("LocalHost")]
    [InlineData("anything.localhost")]
    [InlineData("a.b.localhost.")]
    [InlineData("localhost.localdomain")]
    [InlineData("localhost6.localdomain6")]
    [InlineData("localhost4")]
    [InlineData("ip6-localhost")]
    [InlineData("ip6-loopback")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("0:0:0:0:0:0:0:1")]
    [InlineData("0000:0000:0000:0000:0000:0000:0000:0001")]
    [InlineData("::0:1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:7f00:1")]
    [InlineData("::FFFF:7F00:0001")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("0:0:0:0:0:ffff:7f00:1")]
    public void Validate_LoopbackInAnyDisguise_IsRefusedAsLoopback(string hostname)
    {
        Assert.Equal(RuleCodes.HostnameLoopback, HostnameRule.Validate(hostname)?.Code);
    }

    [Theory]
    [InlineData("169.254.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.255.255")]
    [InlineData("0xa9.0xfe.0.1")]
    [InlineData("0251.0376.0.1")]
    [InlineData("169.16646145")]
    [InlineData("2852039169")]
    [InlineData("0xa9fe0001")]
    [InlineData("169.254.000.001")]
    [InlineData("fe80::1")]
    [InlineData("FE80::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%2")]
    [InlineData("[fe80::1%eth0]")]
    [InlineData("fe80:0:0:0:0:0:0:1")]
    [InlineData("febf::1")]
    [InlineData("::ffff:169.254.1.1")]
    [InlineData("::ffff:a9fe:101")]
    public void Validate_LinkLocalInAnyDisguise_IsRefusedAsLinkLocal(string hostname)
    {
        Assert.Equal(RuleCodes.HostnameLinkLocal, HostnameRule.Validate(hostname)?.Code);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0")]
    [InlineData("0x0")]
    [InlineData("00")]
    [InlineData("0.0")]
    [InlineData("000.000.000.000")]
    [InlineData("0.1.2.3")]
    [InlineData("::")]
    [InlineData("[::]")]
    [InlineData("0:0:0:0:0:0:0:0")]
    [InlineData("::ffff:0.0.0.0")]
    public void Validate_UnspecifiedAddress_IsRefusedAsUnspecified(string hostname)
    {
        Assert.Equal(RuleCodes.HostnameUnspecified, HostnameRule.Validate(hostname)?.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" hv1")]
    [InlineData("hv1 ")]
    [InlineData("hv1.example.org..")]
    [InlineData(".hv1.example.org")]
    [InlineData("hv1..example.org")]
    [InlineData(".")]
    [InlineData("-hv1.example.org")]
    [InlineData("hv1-.example.org")]
    [InlineData("hv_1.example.org")]
    [InlineData("hv1.exa mple.org")]
    [InlineData("hv1/24")]
    [InlineData("hv1:2022")]
    [InlineData("root@hv1")]
    [InlineData("hv1.exämple.org")]
    [InlineData("hv1.example.123")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.256")]
    [InlineData("4294967296")]
    [InlineData("08.0.0.1")]
    [InlineData("192.0.2.010")]
    [InlineData("010.0.0.1")]
    [InlineData("0xc0.0.2.10")]
    [InlineData("3221225994")]
    [InlineData("192.0.2.10.")]
    [InlineData("192.0.522")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("ff02::1")]
    [InlineData("[::1")]
    [InlineData("[::1]:2022")]
    [InlineData("[192.0.2.10]")]
    [InlineData("[]")]
    [InlineData("1::2::3")]
    [InlineData(":::")]
    [InlineData("2001:db8::1/64")]
    [InlineData("2001:db8::g")]
    [InlineData("::ffff:127.1")]
    [InlineData("::ffff:127.000.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::7f00:1")]
    [InlineData("2001:db8::1%eth0")]
    [InlineData("fe80::1%")]
    [InlineData("fe80::1%eth 0")]
    [InlineData("fe80::1%eth0/1")]
    public void Validate_MalformedOrUnusable_IsRefusedAsInvalid(string? hostname)
    {
        Assert.Equal(RuleCodes.HostnameInvalid, HostnameRule.Validate(hostname)?.Code);
    }

    [Fact]
    public void Validate_NameOrLabelTooLong_IsRefusedAsInvalid()
    {
        var label = new string('a', 63);
        var name254 = $"{label}.{label}.{label}.{new string('b', 62)}";

        Assert.Equal(RuleCodes.HostnameInvalid, HostnameRule.Validate(name254)?.Code);
        Assert.Equal(RuleCodes.HostnameInvalid, HostnameRule.Validate(new string('a', 64) + ".example.org")?.Code);
        Assert.Equal(RuleCodes.HostnameInvalid, HostnameRule.Validate(new string('a', 10_000))?.Code);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.53")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("isard.localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%eth0")]
    public void Validate_LocalAddressWhenLocalAllowed_IsAccepted(string hostname)
    {
        Assert.Null(HostnameRule.Validate(hostname, allowLocal: true));
    }

    [Theory]
    [InlineData("0.0.0.0", RuleCodes.HostnameUnspecified)]
    [InlineData("::", RuleCodes.HostnameUnspecified)]
    [InlineData("127.1", RuleCodes.HostnameInvalid)]
    [InlineData("2130706433", RuleCodes.HostnameInvalid)]
    [InlineData("0x7f.0.0.1", RuleCodes.HostnameInvalid)]
    [InlineData("127.000.000.001", RuleCodes.HostnameInvalid)]
    [InlineData("224.0.0.1", RuleCodes.HostnameInvalid)]
    [InlineData("::1%lo", RuleCodes.HostnameInvalid)]
    public void Validate_UnusableOrAmbiguousWhenLocalAllowed_IsStillRefused(string hostname, string code)
    {
        Assert.Equal(code, HostnameRule.Validate(hostname, allowLocal: true)?.Code);
    }

    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1")]
    [InlineData("0251.0376.0.1", "169.254.0.1")]
    [InlineData("::ffff:7f00:1", "127.0.0.1")]
    [InlineData("3221225994", "192.0.2.10")]
    public void Validate_DisguisedAddress_MessageNamesTheRealAddress(string hostname, string real)
    {
        var error = HostnameRule.Validate(hostname);

        Assert.NotNull(error);
        Assert.Contains(real, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonCanonicalIpv4_TellsHowToWriteIt()
    {
        var error = HostnameRule.Validate("010.0.0.1");

        Assert.NotNull(error);
        Assert.Contains("four decimal octets", error.Message, StringComparison.Ordinal);
        Assert.Contains("8.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8::10", "2001:db8::10")]
    [InlineData("[2001:db8::10]", "2001:db8::10")]
    [InlineData("2001:DB8:0:0:0:0:0:10", "2001:db8::10")]
    [InlineData("fe80::1%eth0", "fe80::1")]
    [InlineData("hv1.example.org", null)]
    [InlineData("hv1", null)]
    public void LiteralAddress_ValidHostname_ReturnsAddressOnlyForLiterals(string hostname, string? expected)
    {
        Assert.Equal(expected, HostnameRule.LiteralAddress(hostname)?.ToString());
    }
}
