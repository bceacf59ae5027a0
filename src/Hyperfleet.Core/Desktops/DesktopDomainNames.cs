using System.Security.Cryptography;
using System.Text;

namespace Hyperfleet.Core.Desktops;

/// <summary>
/// How a desktop's libvirt domain is named: <c>hf-&lt;desktop id&gt;</c>. Only domains with this prefix are
/// Hyperfleet's; anything else on a hypervisor (an operator's own VM) is never touched.
/// </summary>
public static class DesktopDomainNames
{
    /// <summary>The prefix of every domain Hyperfleet creates.</summary>
    public const string Prefix = "hf-";

    /// <summary>The domain name of a desktop.</summary>
    public static string NameOf(string desktopId) => Prefix + desktopId;

    /// <summary>The desktop id a domain name belongs to, when it is one of Hyperfleet's.</summary>
    public static bool TryGetDesktopId(string? domainName, out string desktopId)
    {
        if (domainName is not null && domainName.Length > Prefix.Length && domainName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            desktopId = domainName[Prefix.Length..];
            return true;
        }
        desktopId = "";
        return false;
    }

    /// <summary>
    /// A stable UUID per desktop (name-based, RFC 9562 version 8 from SHA-256), so the same desktop is the same
    /// domain on every host and every start: libvirt itself refuses a second domain with that UUID on one host.
    /// </summary>
    public static Guid UuidOf(string desktopId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("hyperfleet-desktop:" + desktopId), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
