using System.Net;
using System.Net.Sockets;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// <c>WG_HYPERS_NET</c>: the IPv4 network the VPN node and the hypervisors share. The node takes the first host address;
/// each hypervisor gets the first free one after it and keeps it (re-registration, restarts), so peers, routes and
/// Geneve remotes never move under a running host.
/// </summary>
public sealed class OverlayNetwork
{
    private OverlayNetwork(IPNetwork network) => Network = network;

    /// <summary>The network, e.g. <c>100.72.0.0/16</c>.</summary>
    public IPNetwork Network { get; }

    /// <summary>The prefix length.</summary>
    public int PrefixLength => Network.PrefixLength;

    /// <summary>The VPN node's own overlay address: the network's first host address.</summary>
    public IPAddress NodeAddress => At(1);

    /// <summary>How many addresses hypervisors can have (all host addresses but the node's).</summary>
    public long Capacity => HostCount - 1;

    private long HostCount => (1L << (32 - PrefixLength)) - 2;

    /// <summary>Parses an IPv4 CIDR of /8 to /29 (smaller leaves no room; IPv6 overlays are not offered).</summary>
    public static bool TryParse(string? text, out OverlayNetwork? network, out string? error)
    {
        network = null;
        // IPNetwork.TryParse masks host bits silently and reads "100.72/16" as 100.0.0.72: ask for the plain form.
        var address = text?.Split('/')[0];
        if (!IPNetwork.TryParse(text, out var parsed) || parsed.BaseAddress.AddressFamily != AddressFamily.InterNetwork
            || !IsCanonical(address) || parsed.BaseAddress.ToString() != address)
        {
            error = $"'{text}' is not an IPv4 network in CIDR notation with no host bits set (e.g. 100.72.0.0/16).";
            return false;
        }
        if (parsed.PrefixLength is < 8 or > 29)
        {
            error = $"'{text}' must have a prefix between /8 and /29.";
            return false;
        }
        network = new OverlayNetwork(parsed);
        error = null;
        return true;
    }

    /// <summary>Parses a network already validated at start (settings).</summary>
    public static OverlayNetwork Parse(string text) =>
        TryParse(text, out var n, out var error) ? n! : throw new FormatException(error);

    /// <summary>The network of an address with its prefix, as a host is given it (<c>100.72.0.11/16</c> → <c>100.72.0.0/16</c>).</summary>
    public static OverlayNetwork OfAddress(string addressWithPrefix)
    {
        var parts = addressWithPrefix.Split('/');
        if (parts.Length != 2 || !IsCanonical(parts[0]) || !IPAddress.TryParse(parts[0], out var address)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 8 or > 29)
        {
            throw new FormatException($"'{addressWithPrefix}' is not an IPv4 address with a prefix of /8 to /29.");
        }
        var mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return Parse($"{FromLong(ToLong(address) & mask)}/{prefix}");
    }

    /// <summary>Whether <paramref name="address"/> is a hypervisor address of this network (not the node's, network or broadcast).</summary>
    public bool IsHostAddress(IPAddress address)
    {
        if (!Network.Contains(address))
        {
            return false;
        }
        var offset = Offset(address);
        return offset >= 2 && offset <= HostCount;
    }

    /// <summary>The first address not in <paramref name="taken"/>, or null when all are taken.</summary>
    public IPAddress? FirstFree(IEnumerable<string?> taken)
    {
        var used = new HashSet<long>();
        foreach (var text in taken)
        {
            if (IsCanonical(text) && IPAddress.TryParse(text, out var a) && Network.Contains(a))
            {
                used.Add(Offset(a));
            }
        }
        for (long offset = 2; offset <= HostCount; offset++)
        {
            if (!used.Contains(offset))
            {
                return At(offset);
            }
        }
        return null;
    }

    /// <summary>The address with the network's prefix, as the agent puts it on its interface: <c>100.72.0.11/16</c>.</summary>
    public string WithPrefix(IPAddress address) => $"{address}/{PrefixLength}";

    public override string ToString() => Network.ToString();

    /// <summary>Four decimal octets, as people write IPv4 (no "100.72", no hex, no octal, no leading zeros).</summary>
    private static bool IsCanonical(string? text) => text is not null && Ipv4Literal.IsCanonical(text);

    private long Offset(IPAddress address) => ToLong(address) - ToLong(Network.BaseAddress);

    private IPAddress At(long offset) => FromLong(ToLong(Network.BaseAddress) + offset);

    private static long ToLong(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) | b[3];
    }

    private static IPAddress FromLong(long v) =>
        new([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
}
