namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>Where viewers find a hypervisor's desktops.</summary>
/// <param name="StaticHost">Host of the web installation that serves the viewer pages.</param>
/// <param name="ProxyVideoHost">Externally reachable host of the video proxy for this hypervisor.</param>
/// <param name="ProxyHyperHost">Host name the video proxy uses to reach the hypervisor.</param>
/// <param name="SpicePort">External port of the SPICE HTTP CONNECT proxy (default 80).</param>
/// <param name="Html5Port">External port of the HTML5 websocket proxy (default 443).</param>
public sealed record ViewerSettings(
    string? StaticHost,
    string? ProxyVideoHost,
    string? ProxyHyperHost,
    int SpicePort,
    int Html5Port);
