namespace Hyperfleet.Core.Networking;

/// <summary>Writes <see cref="FirewallOpening"/>s as <c>iptables</c> (or <c>ip6tables</c>) commands.</summary>
internal static class IptablesCommands
{
    public static string Write(FirewallOpening o)
    {
        var ports = PortRequirementTable.PortText(o.FirstPort, o.LastPort, ':');
        var source = o.Source is null ? "" : $" -s {o.Source}";
        if (o.ToAddress is null)
        {
            var binary = o.SourceIsIpv6 ? "ip6tables" : "iptables";
            return $"{binary} -A INPUT -p {o.ProtocolName}{source} --dport {ports} -j ACCEPT";
        }
        // Without a port, DNAT keeps the destination port: a range maps one to one.
        var destination = o.ToPort is int toPort ? $"{o.ToAddress}:{toPort}" : o.ToAddress;
        return $"iptables -t nat -A PREROUTING -p {o.ProtocolName}{source} --dport {ports} -j DNAT --to-destination {destination}";
    }
}
