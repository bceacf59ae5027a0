using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Hypervisors;

/// <summary>
/// MTU of the desktops' overlay interfaces. Geneve encapsulation (outer IP and UDP, Geneve header, inner Ethernet) is
/// counted as 54 bytes and WireGuard (outer IPv4 and UDP, its own header and tag) as 60 more; a guest MTU that ignores
/// them makes large packets vanish.
/// </summary>
public static class MtuMath
{
    /// <summary>Default infrastructure MTU (plain Ethernet).</summary>
    public const int DefaultInfrastructureMtu = 1500;

    /// <summary>Lowest infrastructure MTU accepted (the IPv6 minimum).</summary>
    public const int MinInfrastructureMtu = 1280;

    /// <summary>Highest infrastructure MTU accepted (common jumbo-frame maximum).</summary>
    public const int MaxInfrastructureMtu = 9216;

    /// <summary>Bytes Geneve encapsulation takes.</summary>
    public const int GeneveOverhead = 54;

    /// <summary>Bytes WireGuard encapsulation takes on top of Geneve.</summary>
    public const int WireGuardOverhead = 60;

    /// <summary>Lowest guest MTU handed out (the IPv6 minimum, below which guests' IPv6 breaks).</summary>
    public const int MinGuestMtu = 1280;

    /// <summary>Highest guest MTU handed out.</summary>
    public const int MaxGuestMtu = 9000;

    /// <summary>Returns null when <paramref name="mtu"/> is within 1280–9216, otherwise a <see cref="RuleCodes.MtuOutOfRange"/> error.</summary>
    public static RuleError? ValidateInfrastructureMtu(int mtu) =>
        mtu is >= MinInfrastructureMtu and <= MaxInfrastructureMtu
            ? null
            : new RuleError(RuleCodes.MtuOutOfRange,
                $"infrastructure_mtu must be between {MinInfrastructureMtu} and {MaxInfrastructureMtu} (got {mtu}).");

    /// <summary>Bytes the tunneling mode adds to each packet.</summary>
    public static int Overhead(VpnTunnelingMode mode) => mode switch
    {
        VpnTunnelingMode.WireguardGeneve => GeneveOverhead + WireGuardOverhead,
        VpnTunnelingMode.Geneve => GeneveOverhead,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown tunneling mode."),
    };

    /// <summary>
    /// clamp(1280…9000, infrastructure MTU − overhead of the mode): 1386 for WireGuard+Geneve and 1446 for Geneve on a
    /// 1500 network. Below 1394 (WireGuard+Geneve) or 1334 (Geneve) the result is held at 1280, so tunnel packets get
    /// fragmented rather than guests losing IPv6.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The infrastructure MTU is outside 1280–9216; validate it first.</exception>
    public static int GuestMtu(int infrastructureMtu, VpnTunnelingMode mode)
    {
        if (ValidateInfrastructureMtu(infrastructureMtu) is { } error)
        {
            throw new ArgumentOutOfRangeException(nameof(infrastructureMtu), infrastructureMtu, error.Message);
        }
        return Math.Clamp(infrastructureMtu - Overhead(mode), MinGuestMtu, MaxGuestMtu);
    }
}
