using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Ports;

/// <summary>One end of a flow of traffic in the port table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PortEndpoint>))]
public enum PortEndpoint
{
    /// <summary>The control plane host (API, engine, video proxy, VPN node).</summary>
    [JsonStringEnumMemberName("control_plane")]
    ControlPlane,

    /// <summary>The hypervisor host the table is for.</summary>
    [JsonStringEnumMemberName("hypervisor")]
    Hypervisor,

    /// <summary>Viewer clients anywhere (browsers, SPICE clients).</summary>
    [JsonStringEnumMemberName("clients")]
    Clients,
}
