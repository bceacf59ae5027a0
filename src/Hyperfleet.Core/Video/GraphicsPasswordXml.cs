using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Hyperfleet.Core.Video;

/// <summary>
/// Builds the <c>&lt;graphics&gt;</c> element that sets a new password on a running domain's display
/// (<c>virDomainUpdateDeviceFlags</c>, live). libvirt matches the element to the device by type and refuses any other
/// change, so the element is the live one (read with <c>VIR_DOMAIN_XML_SECURE</c>, or the current password and
/// other attributes would be missing) with only <c>passwd</c> and <c>passwdValidTo</c> replaced.
/// </summary>
public static class GraphicsPasswordXml
{
    /// <summary>The graphics element of <paramref name="type"/> (<c>vnc</c> or <c>spice</c>) with the new password.</summary>
    /// <param name="liveSecureXml">The domain's live XML, read with the secure flag.</param>
    /// <param name="type"><c>vnc</c> or <c>spice</c>.</param>
    /// <param name="password">The new password.</param>
    /// <param name="validTo">After this instant the password no longer opens new connections (UTC, whole seconds).</param>
    /// <returns>The element as text, or null when the domain has no such display.</returns>
    /// <exception cref="ArgumentException">The XML cannot be read.</exception>
    public static string? Build(string liveSecureXml, string type, string password, DateTimeOffset validTo)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        XElement root;
        try
        {
            root = XElement.Parse(liveSecureXml);
        }
        catch (XmlException e)
        {
            throw new ArgumentException("The domain XML cannot be read: " + e.Message, nameof(liveSecureXml), e);
        }
        var graphics = root.Elements("devices").Elements("graphics").FirstOrDefault(g => (string?)g.Attribute("type") == type);
        if (graphics is null)
        {
            return null;
        }
        var updated = new XElement(graphics);
        updated.SetAttributeValue("passwd", password);
        updated.SetAttributeValue("passwdValidTo",
            validTo.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        // Another password policy left on the device would make the new password useless.
        updated.SetAttributeValue("connected", null);
        return updated.ToString(SaveOptions.DisableFormatting);
    }
}
