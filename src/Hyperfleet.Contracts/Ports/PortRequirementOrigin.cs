using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Ports;

/// <summary>How a row of the port table relates to the port table of the IsardVDI hypervisor documentation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PortRequirementOrigin>))]
public enum PortRequirementOrigin
{
    /// <summary>The same requirement as in the IsardVDI table.</summary>
    [JsonStringEnumMemberName("seed")]
    Seed,

    /// <summary>An IsardVDI row changed for Hyperfleet; the row's origin note says how and why.</summary>
    [JsonStringEnumMemberName("adapted")]
    Adapted,

    /// <summary>A requirement the IsardVDI table does not list; the row's origin note says why Hyperfleet needs it.</summary>
    [JsonStringEnumMemberName("hyperfleet")]
    Hyperfleet,
}
