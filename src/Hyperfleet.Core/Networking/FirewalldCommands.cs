namespace Hyperfleet.Core.Networking;

/// <summary>Writes <see cref="FirewallOpening"/>s as permanent <c>firewall-cmd</c> commands; a source needs a rich rule.</summary>
internal static class FirewalldCommands
{
    public const string Reload = "firewall-cmd --reload";

    public static string Write(FirewallOpening o)
    {
        var ports = PortRequirementTable.PortText(o.FirstPort, o.LastPort, '-');
        var family = o.SourceIsIpv6 ? "ipv6" : "ipv4";
        if (o.ToAddress is null)
        {
            return o.Source is null
                ? $"firewall-cmd --permanent --add-port={ports}/{o.ProtocolName}"
                : $"firewall-cmd --permanent --add-rich-rule='rule family=\"{family}\" source address=\"{o.Source}\" port port=\"{ports}\" protocol=\"{o.ProtocolName}\" accept'";
        }
        // Without toport, firewalld keeps the destination port: a range maps one to one.
        if (o.Source is null)
        {
            var toPort = o.ToPort is int p ? $":toport={p}" : "";
            return $"firewall-cmd --permanent --add-forward-port=port={ports}:proto={o.ProtocolName}:toaddr={o.ToAddress}{toPort}";
        }
        var richToPort = o.ToPort is int rp ? $" to-port=\"{rp}\"" : "";
        return $"firewall-cmd --permanent --add-rich-rule='rule family=\"{family}\" source address=\"{o.Source}\" forward-port port=\"{ports}\" protocol=\"{o.ProtocolName}\"{richToPort} to-addr=\"{o.ToAddress}\"'";
    }
}
