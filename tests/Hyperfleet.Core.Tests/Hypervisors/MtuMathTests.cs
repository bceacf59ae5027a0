using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Hypervisors;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Tests.Hypervisors;

public class MtuMathTests
{
    [Theory]
    [InlineData(1500, VpnTunnelingMode.WireguardGeneve, 1386)]
    [InlineData(1500, VpnTunnelingMode.Geneve, 1446)]
    [InlineData(9000, VpnTunnelingMode.WireguardGeneve, 8886)]
    [InlineData(9000, VpnTunnelingMode.Geneve, 8946)]
    [InlineData(1394, VpnTunnelingMode.WireguardGeneve, 1280)]
    [InlineData(1395, VpnTunnelingMode.WireguardGeneve, 1281)]
    [InlineData(1334, VpnTunnelingMode.Geneve, 1280)]
    [InlineData(1335, VpnTunnelingMode.Geneve, 1281)]
    [InlineData(1280, VpnTunnelingMode.WireguardGeneve, 1280)]
    [InlineData(1280, VpnTunnelingMode.Geneve, 1280)]
    [InlineData(9216, VpnTunnelingMode.Geneve, 9000)]
    [InlineData(9216, VpnTunnelingMode.WireguardGeneve, 9000)]
    [InlineData(9114, VpnTunnelingMode.WireguardGeneve, 9000)]
    [InlineData(9113, VpnTunnelingMode.WireguardGeneve, 8999)]
    [InlineData(9054, VpnTunnelingMode.Geneve, 9000)]
    [InlineData(9053, VpnTunnelingMode.Geneve, 8999)]
    public void GuestMtu_InfrastructureMtuAndMode_SubtractsOverheadWithinGuestBounds(int infra, VpnTunnelingMode mode, int expected)
    {
        Assert.Equal(expected, MtuMath.GuestMtu(infra, mode));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(1500)]
    [InlineData(9000)]
    [InlineData(9216)]
    public void ValidateInfrastructureMtu_InRange_IsAccepted(int mtu)
    {
        Assert.Null(MtuMath.ValidateInfrastructureMtu(mtu));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(576)]
    [InlineData(1279)]
    [InlineData(9217)]
    [InlineData(65535)]
    [InlineData(-1500)]
    public void ValidateInfrastructureMtu_OutOfRange_IsRefusedWithMtuOutOfRange(int mtu)
    {
        Assert.Equal(RuleCodes.MtuOutOfRange, MtuMath.ValidateInfrastructureMtu(mtu)?.Code);
    }

    [Theory]
    [InlineData(1279)]
    [InlineData(9217)]
    public void GuestMtu_InfrastructureMtuOutOfRange_Throws(int mtu)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MtuMath.GuestMtu(mtu, VpnTunnelingMode.Geneve));
    }

    [Theory]
    [InlineData(VpnTunnelingMode.WireguardGeneve, 114)]
    [InlineData(VpnTunnelingMode.Geneve, 54)]
    public void Overhead_Mode_IsGenevePlusWireGuardWhenEncrypted(VpnTunnelingMode mode, int expected)
    {
        Assert.Equal(expected, MtuMath.Overhead(mode));
    }
}
