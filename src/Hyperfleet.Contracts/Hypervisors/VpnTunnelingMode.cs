using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>How a hypervisor joins the desktops' overlay network.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VpnTunnelingMode>))]
public enum VpnTunnelingMode
{
    /// <summary>Geneve inside a WireGuard tunnel to the VPN node (default; encrypted).</summary>
    [JsonStringEnumMemberName("wireguard+geneve")]
    WireguardGeneve,

    /// <summary>Geneve straight to the VPN node over the infrastructure network (no encryption).</summary>
    [JsonStringEnumMemberName("geneve")]
    Geneve,
}
