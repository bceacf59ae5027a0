using System.Net;

namespace Hyperfleet.Core.Validation;

/// <summary>
/// IPv4 text forms. Resolvers (glibc <c>inet_aton</c>, and so <c>getaddrinfo</c>, <c>ping</c>, <c>ssh</c>) accept far more
/// than four decimal octets: <c>127.1</c>, <c>0x7f.0.0.1</c>, <c>0177.0.0.1</c>, <c>2130706433</c>. A hostname in such a form
/// is an IP address in disguise, so it is recognised here the way <c>inet_aton</c> reads it.
/// </summary>
internal static class Ipv4Literal
{
    /// <summary>
    /// Reads <paramref name="text"/> as <c>inet_aton</c> does: one to four parts separated by dots, each decimal, octal
    /// (leading <c>0</c>) or hexadecimal (leading <c>0x</c>); the last part fills the remaining bytes
    /// (<c>a</c>: 32 bits, <c>a.b</c>: 8.24, <c>a.b.c</c>: 8.8.16).
    /// </summary>
    public static bool TryParseLoose(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length > 4)
        {
            return false;
        }
        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParsePart(parts[i], out values[i]))
            {
                return false;
            }
        }
        for (var i = 0; i < values.Length - 1; i++)
        {
            if (values[i] > 0xff)
            {
                return false;
            }
        }
        var lastBits = 8 * (5 - parts.Length);
        if (values[^1] > (1UL << lastBits) - 1)
        {
            return false;
        }
        ulong result = 0;
        for (var i = 0; i < values.Length - 1; i++)
        {
            result |= values[i] << (24 - (8 * i));
        }
        result |= values[^1];
        var bytes = new[] { (byte)(result >> 24), (byte)(result >> 16), (byte)(result >> 8), (byte)result };
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>Four decimal octets 0–255 without leading zeros (<c>192.0.2.10</c>): the only form nobody reads differently.</summary>
    public static bool IsCanonical(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }
        foreach (var part in parts)
        {
            if (!IsCanonicalOctet(part))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A decimal number 0–255 written without leading zeros.</summary>
    public static bool IsCanonicalOctet(string part)
    {
        if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
        {
            return false;
        }
        if (part.Length > 1 && part[0] == '0')
        {
            return false;
        }
        return int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) <= 255;
    }

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        // Like inet_aton, every part starts with a digit: "0x" must be followed by at least one hex digit.
        if (part.Length == 0 || !char.IsAsciiDigit(part[0]))
        {
            return false;
        }
        var digits = part;
        var radix = 10;
        if (part.Length > 1 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X'))
        {
            digits = part[2..];
            radix = 16;
        }
        else if (part.Length > 1 && part[0] == '0')
        {
            digits = part[1..];
            radix = 8;
        }
        if (digits.Length == 0)
        {
            return false;
        }
        foreach (var c in digits)
        {
            var digit = HexValue(c);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }
            value = (value * (ulong)radix) + (ulong)digit;
            if (value > uint.MaxValue)
            {
                return false;
            }
        }
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
