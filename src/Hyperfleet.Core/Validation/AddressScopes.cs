using System.Net;
using System.Net.Sockets;

namespace Hyperfleet.Core.Validation;

/// <summary>Classifies IP addresses into <see cref="AddressScope"/>.</summary>
internal static class AddressScopes
{
    /// <summary>The scope of <paramref name="address"/>; an IPv4-mapped IPv6 address has the scope of the IPv4 address it maps.</summary>
    public static AddressScope Of(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return OfIpv4(address.GetAddressBytes());
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return OfIpv4(address.MapToIPv4().GetAddressBytes());
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressScope.Loopback;
        }
        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressScope.Unspecified;
        }
        if (address.IsIPv6LinkLocal)
        {
            return AddressScope.LinkLocal;
        }
        if (address.IsIPv6Multicast)
        {
            return AddressScope.Multicast;
        }
        var bytes = address.GetAddressBytes();
        return bytes.AsSpan(0, 12).ContainsAnyExcept((byte)0) ? AddressScope.Unicast : AddressScope.Ipv4Compatible;
    }

    private static AddressScope OfIpv4(byte[] b) => b[0] switch
    {
        0 => AddressScope.Unspecified,
        127 => AddressScope.Loopback,
        169 when b[1] == 254 => AddressScope.LinkLocal,
        >= 224 and <= 239 => AddressScope.Multicast,
        >= 240 => AddressScope.Reserved,
        _ => AddressScope.Unicast,
    };
}
