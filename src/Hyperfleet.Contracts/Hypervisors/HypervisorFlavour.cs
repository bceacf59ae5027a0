using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>How viewers reach the desktops of a hypervisor.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HypervisorFlavour>))]
public enum HypervisorFlavour
{
    /// <summary>The hypervisor runs its own video proxy; clients connect to it directly.</summary>
    [JsonStringEnumMemberName("hypervisor")]
    Hypervisor,

    /// <summary>No video proxy on the host; video goes through the central proxy, which must allow the host.</summary>
    [JsonStringEnumMemberName("hypervisor-standalone")]
    HypervisorStandalone,
}
