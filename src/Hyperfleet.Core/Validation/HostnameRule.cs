using System.Net;
using System.Net.Sockets;

namespace Hyperfleet.Core.Validation;

/// <summary>
/// The hostname the control plane reaches a hypervisor at: an RFC 1123 DNS name, four decimal IPv4 octets, or an IPv6
/// literal (optionally in brackets). Loopback, link-local and unspecified addresses are refused in every spelling a
/// resolver accepts, because the engine would end up talking to itself or to nothing.
/// </summary>
/// <remarks>
/// IPv4 in any other numeric form (<c>127.1</c>, <c>0x7f.0.0.1</c>, <c>0177.0.0.1</c>, <c>2130706433</c>,
/// <c>010.0.0.1</c>) is read as <c>inet_aton</c> reads it: it is refused with the specific code when it lands in a refused
/// range, and otherwise with <see cref="RuleCodes.HostnameInvalid"/>, since tools disagree on what such forms mean
/// (<c>010</c> is 8 to glibc and 10 to a person).
/// </remarks>
public static class HostnameRule
{
    /// <summary>Longest DNS name, without its optional trailing dot.</summary>
    public const int MaxNameLength = 253;

    /// <summary>Longest DNS label.</summary>
    public const int MaxLabelLength = 63;

    // Names that resolve to loopback through /etc/hosts on common distributions, or by RFC 6761 (*.localhost).
    private static readonly HashSet<string> LoopbackNames = new(StringComparer.Ordinal)
    {
        "localhost", "localhost.localdomain", "localhost4", "localhost4.localdomain4",
        "localhost6", "localhost6.localdomain6", "ip6-localhost", "ip6-loopback",
    };

    /// <summary>Checks a hostname; returns null when it is valid.</summary>
    /// <param name="hostname">The hostname as the admin or agent gave it.</param>
    /// <param name="allowLocal">
    /// Accept loopback and link-local addresses and names, e.g. for the local all-in-one hypervisor or for viewer hosts
    /// that only the proxy resolves. Unspecified addresses and non-canonical numeric forms stay refused.
    /// </param>
    public static RuleError? Validate(string? hostname, bool allowLocal = false)
    {
        if (string.IsNullOrEmpty(hostname))
        {
            return Invalid("a hostname or IP address is required.");
        }
        if (hostname.Length > MaxNameLength + 1)
        {
            return Invalid($"a hostname has at most {MaxNameLength} characters.");
        }
        return hostname[0] == '[' || hostname.Contains(':', StringComparison.Ordinal)
            ? ValidateIpv6(hostname, allowLocal)
            : ValidateNameOrIpv4(hostname, allowLocal);
    }

    /// <summary>
    /// The IP address a valid hostname is a literal of (brackets removed), or null when it is a DNS name.
    /// Call only on hostnames <see cref="Validate"/> accepted.
    /// </summary>
    internal static IPAddress? LiteralAddress(string hostname)
    {
        var text = hostname.StartsWith('[') && hostname.EndsWith(']') ? hostname[1..^1] : hostname;
        var zone = text.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0)
        {
            text = text[..zone];
        }
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) ? v6 : null;
        }
        return Ipv4Literal.IsCanonical(text) && IPAddress.TryParse(text, out var v4) ? v4 : null;
    }

    private static RuleError? ValidateNameOrIpv4(string hostname, bool allowLocal)
    {
        var name = hostname.EndsWith('.') ? hostname[..^1] : hostname;
        if (name.Length is 0 or > MaxNameLength)
        {
            return Invalid($"a DNS name has 1 to {MaxNameLength} characters.");
        }
        var labels = name.Split('.');
        if (labels.Any(l => l.Length == 0))
        {
            return Invalid("a DNS name cannot have an empty label (two dots in a row, or a leading dot).");
        }
        if (Ipv4Literal.TryParseLoose(name, out var address))
        {
            var refused = Refuse(AddressScopes.Of(address), address, allowLocal);
            if (refused is not null)
            {
                return refused;
            }
            return Ipv4Literal.IsCanonical(hostname)
                ? null
                : Invalid($"write IPv4 addresses as four decimal octets without leading zeros (this one reads as {address}).");
        }
        foreach (var label in labels)
        {
            if (label.Length > MaxLabelLength)
            {
                return Invalid($"a DNS label has at most {MaxLabelLength} characters.");
            }
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return Invalid("a DNS name has only letters, digits, hyphens and dots.");
            }
            if (label[0] == '-' || label[^1] == '-')
            {
                return Invalid("a DNS label cannot start or end with a hyphen.");
            }
        }
        if (labels[^1].All(char.IsAsciiDigit))
        {
            return Invalid("the last label of a DNS name cannot be all digits; is it a mistyped IPv4 address?");
        }
        var lower = name.ToLowerInvariant();
        if (!allowLocal && (LoopbackNames.Contains(lower) || lower.EndsWith(".localhost", StringComparison.Ordinal)))
        {
            return new RuleError(RuleCodes.HostnameLoopback,
                "this name resolves to the loopback address: give a name or address other hosts can reach the hypervisor at.");
        }
        return null;
    }

    private static RuleError? ValidateIpv6(string hostname, bool allowLocal)
    {
        var text = hostname;
        if (text[0] == '[')
        {
            if (text.Length < 3 || text[^1] != ']')
            {
                return Invalid("an IPv6 address in brackets must end with ']' and carry no port (the SSH port is a separate field).");
            }
            text = text[1..^1];
        }
        string? zone = null;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            zone = text[(percent + 1)..];
            text = text[..percent];
            if (zone.Length is 0 or > 15 || !zone.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return Invalid("an IPv6 zone id (after '%') is an interface name or number.");
            }
        }
        if (!text.Contains(':', StringComparison.Ordinal)
            || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || !IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return Invalid("not a valid IPv6 address.");
        }
        if (text.Contains('.', StringComparison.Ordinal) && !Ipv4Literal.IsCanonical(text[(text.LastIndexOf(':') + 1)..]))
        {
            return Invalid("the IPv4 part of an IPv6 address must be four decimal octets.");
        }
        var scope = AddressScopes.Of(address);
        var refused = Refuse(scope, address, allowLocal);
        if (refused is not null)
        {
            return refused;
        }
        if (zone is not null && scope != AddressScope.LinkLocal)
        {
            return Invalid("a zone id (%…) belongs only on a link-local address.");
        }
        return null;
    }

    private static RuleError? Refuse(AddressScope scope, IPAddress address, bool allowLocal)
    {
        var shown = address.IsIPv4MappedToIPv6 ? $"{address} (= {address.MapToIPv4()})" : address.ToString();
        return scope switch
        {
            AddressScope.Unicast => null,
            AddressScope.Loopback when allowLocal => null,
            AddressScope.LinkLocal when allowLocal => null,
            AddressScope.Loopback => new RuleError(RuleCodes.HostnameLoopback,
                $"{shown} is a loopback address: give an address other hosts can reach the hypervisor at."),
            AddressScope.LinkLocal => new RuleError(RuleCodes.HostnameLinkLocal,
                $"{shown} is a link-local address, valid on one link only: give a routable address or a DNS name."),
            AddressScope.Unspecified => new RuleError(RuleCodes.HostnameUnspecified,
                $"{shown} is the unspecified address, not a host: give the hypervisor's own address."),
            AddressScope.Multicast => Invalid($"{shown} is a multicast address, not a host."),
            AddressScope.Reserved => Invalid($"{shown} is a reserved or broadcast address, not a host."),
            AddressScope.Ipv4Compatible => Invalid($"{shown} is a deprecated IPv4-compatible IPv6 address; write the IPv4 address instead."),
            _ => Invalid($"{shown} is not a usable host address."),
        };
    }

    private static RuleError Invalid(string message) => new(RuleCodes.HostnameInvalid, message);
}
