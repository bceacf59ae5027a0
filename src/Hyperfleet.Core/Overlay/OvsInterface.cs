namespace Hyperfleet.Core.Overlay;

/// <summary>One row of Open vSwitch's <c>Interface</c> table, as the overlay reads it.</summary>
/// <param name="Name">The interface (port) name.</param>
/// <param name="Type">Its type: <c>geneve</c>, <c>internal</c>, empty for a system device.</param>
/// <param name="Options">Its options (<c>remote_ip</c>, <c>key</c>, …).</param>
/// <param name="BfdStatus">Its <c>bfd_status</c> (<c>state</c>, <c>forwarding</c>, <c>diagnostic</c>, …); empty without BFD.</param>
/// <param name="ExternalIds">Its <c>external_ids</c>: Hyperfleet marks its Geneve ports with <c>hyperfleet-hypervisor</c>.</param>
/// <param name="Error">Why OVS could not set it up, if it could not.</param>
public sealed record OvsInterface(
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> BfdStatus,
    IReadOnlyDictionary<string, string> ExternalIds,
    string? Error)
{
    /// <summary>BFD's state (<c>up</c>, <c>down</c>, <c>init</c>, <c>admin_down</c>), or null without BFD.</summary>
    public string? BfdState => BfdStatus.GetValueOrDefault("state");

    /// <summary>BFD's diagnostic in words, e.g. "Control Detection Time Expired"; null when there is none.</summary>
    public string? BfdDiagnostic => BfdStatus.GetValueOrDefault("diagnostic") is { Length: > 0 } d && d != "No Diagnostic" ? d : null;

    /// <summary>Whether BFD says the tunnel forwards.</summary>
    public bool BfdUp => BfdState == "up" && BfdStatus.GetValueOrDefault("forwarding") != "false";
}
