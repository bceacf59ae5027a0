using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Ports;

/// <summary>Which firewall tool the commands are written for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FirewallDialect>))]
public enum FirewallDialect
{
    /// <summary><c>iptables</c> (and <c>ip6tables</c> for IPv6 sources); rules last until reboot unless saved.</summary>
    [JsonStringEnumMemberName("iptables")]
    Iptables,

    /// <summary><c>firewall-cmd</c> with <c>--permanent</c>, followed by <c>firewall-cmd --reload</c>.</summary>
    [JsonStringEnumMemberName("firewalld")]
    Firewalld,
}
