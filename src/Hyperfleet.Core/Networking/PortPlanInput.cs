using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Core.Networking;

/// <summary>What <see cref="PortPlan.For"/> needs to know about a hypervisor and the control plane.</summary>
public sealed record PortPlanInput
{
    /// <summary>Default SSH port of a hypervisor.</summary>
    public const int DefaultSshPort = 2022;

    /// <summary>Default viewer SPICE port of a hypervisor's own video proxy.</summary>
    public const int DefaultViewerSpicePort = 80;

    /// <summary>Default viewer HTML5 port of a hypervisor's own video proxy.</summary>
    public const int DefaultViewerHtml5Port = 443;

    /// <summary>The hypervisor's id.</summary>
    public required string HypervisorId { get; init; }

    /// <summary>The hypervisor's hostname; when it is an IP literal, the control plane's rules accept only that address.</summary>
    public required string Hostname { get; init; }

    /// <summary>The hypervisor's capabilities.</summary>
    public required HypervisorCapabilities Capabilities { get; init; }

    /// <summary>The hypervisor's flavour, which decides the video ports.</summary>
    public HypervisorFlavour Flavour { get; init; } = HypervisorFlavour.Hypervisor;

    /// <summary>The hypervisor's tunneling mode, which decides the tunnel port.</summary>
    public VpnTunnelingMode VpnTunnelingMode { get; init; } = VpnTunnelingMode.WireguardGeneve;

    /// <summary>The hypervisor's SSH port.</summary>
    public int SshPort { get; init; } = DefaultSshPort;

    /// <summary>The SPICE port clients use on a <c>hypervisor</c>-flavour host.</summary>
    public int ViewerSpicePort { get; init; } = DefaultViewerSpicePort;

    /// <summary>The HTML5 port clients use on a <c>hypervisor</c>-flavour host.</summary>
    public int ViewerHtml5Port { get; init; } = DefaultViewerHtml5Port;

    /// <summary>The control plane's settings.</summary>
    public PortPlanSettings Settings { get; init; } = new();

    /// <summary>The input for a hypervisor as the API returns it.</summary>
    public static PortPlanInput From(HypervisorResponse hypervisor, PortPlanSettings settings) => new()
    {
        HypervisorId = hypervisor.Id,
        Hostname = hypervisor.Hostname,
        Capabilities = hypervisor.Capabilities,
        Flavour = hypervisor.Flavour,
        VpnTunnelingMode = hypervisor.VpnTunnelingMode,
        SshPort = hypervisor.SshPort,
        ViewerSpicePort = hypervisor.Viewer.SpicePort,
        ViewerHtml5Port = hypervisor.Viewer.Html5Port,
        Settings = settings,
    };
}
