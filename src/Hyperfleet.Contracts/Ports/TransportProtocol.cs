using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Ports;

/// <summary>Transport protocol of a port requirement.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransportProtocol>))]
public enum TransportProtocol
{
    /// <summary>TCP.</summary>
    [JsonStringEnumMemberName("tcp")]
    Tcp,

    /// <summary>UDP.</summary>
    [JsonStringEnumMemberName("udp")]
    Udp,
}
