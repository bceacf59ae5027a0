using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Hyperfleet.Core.Desktops;

/// <summary>Reads back what reconciliation needs from a running domain's live XML.</summary>
public static class DomainXmlReader
{
    /// <summary>
    /// The VNC and SPICE ports of the live XML (what QEMU really listens on); null for a kind that is absent,
    /// not yet assigned (<c>-1</c>) or when the XML cannot be read.
    /// </summary>
    public static (int? Vnc, int? Spice) ReadGraphicsPorts(string xml)
    {
        XElement root;
        try
        {
            root = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return (null, null);
        }
        int? vnc = null, spice = null;
        foreach (var graphics in root.Elements("devices").Elements("graphics"))
        {
            var type = (string?)graphics.Attribute("type");
            if (!int.TryParse((string?)graphics.Attribute("port"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port <= 0)
            {
                continue;
            }
            if (type == "vnc")
            {
                vnc ??= port;
            }
            else if (type == "spice")
            {
                spice ??= port;
            }
        }
        return (vnc, spice);
    }
}
