using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Ports;

/// <summary>How Hyperfleet is installed on a host, which decides between accepting and forwarding traffic.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FirewallDeployment>))]
public enum FirewallDeployment
{
    /// <summary>Installed on the host itself (systemd units): the firewall accepts the ports.</summary>
    [JsonStringEnumMemberName("native")]
    Native,

    /// <summary>Run in containers on the <c>DOCKER_NET</c> network: the firewall forwards the ports to container addresses.</summary>
    [JsonStringEnumMemberName("container")]
    Container,
}
