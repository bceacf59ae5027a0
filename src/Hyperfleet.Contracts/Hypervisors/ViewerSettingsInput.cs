namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>Viewer settings in an add or edit request; omitted members keep their default or current value.</summary>
/// <param name="StaticHost">Host of the web installation that serves the viewer pages.</param>
/// <param name="ProxyVideoHost">Externally reachable host of the video proxy.</param>
/// <param name="ProxyHyperHost">Host name the video proxy uses to reach the hypervisor.</param>
/// <param name="SpicePort">External SPICE proxy port.</param>
/// <param name="Html5Port">External HTML5 proxy port.</param>
public sealed record ViewerSettingsInput(
    string? StaticHost = null,
    string? ProxyVideoHost = null,
    string? ProxyHyperHost = null,
    int? SpicePort = null,
    int? Html5Port = null);
