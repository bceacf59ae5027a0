using System.Net;

namespace Hyperfleet.Video;

internal static class ClientAddress
{
    public static string Of(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
