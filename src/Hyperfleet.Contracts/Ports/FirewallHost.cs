using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Ports;

/// <summary>The host whose firewall must let a flow in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FirewallHost>))]
public enum FirewallHost
{
    /// <summary>The control plane host.</summary>
    [JsonStringEnumMemberName("control_plane")]
    ControlPlane,

    /// <summary>The hypervisor host.</summary>
    [JsonStringEnumMemberName("hypervisor")]
    Hypervisor,
}
