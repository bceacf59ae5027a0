using Hyperfleet.Core.Validation;

namespace Hyperfleet.Core.Networking;

/// <summary>The control plane's side of a hypervisor's port plan; the defaults are those of the seed's <c>isardvdi.cfg</c>.</summary>
public sealed record PortPlanSettings
{
    /// <summary>Default WireGuard port of the VPN node.</summary>
    public const int DefaultWgHypersPort = 4443;

    /// <summary>The IANA port of Geneve.</summary>
    public const int DefaultGenevePort = 6081;

    /// <summary>Default port of the control plane's API (HTTPS).</summary>
    public const int DefaultApiPort = 443;

    /// <summary>Default first port the central video proxy may reach on a hypervisor.</summary>
    public const int DefaultVideoFirstPort = 5900;

    /// <summary>Default last port the central video proxy may reach on a hypervisor.</summary>
    public const int DefaultVideoLastPort = 7899;

    /// <summary>UDP port the VPN node's WireGuard interface listens on (<c>WG_HYPERS_PORT</c>).</summary>
    public int WgHypersPort { get; init; } = DefaultWgHypersPort;

    /// <summary>UDP port of Geneve on the VPN node and on hypervisors.</summary>
    public int GenevePort { get; init; } = DefaultGenevePort;

    /// <summary>First three octets of the containers' /24 network (<c>DOCKER_NET</c>), for container deployments.</summary>
    public string DockerNet { get; init; } = DockerNetRule.Default;

    /// <summary>TCP port of the control plane's API, which the hypervisor's agent calls.</summary>
    public int ApiPort { get; init; } = DefaultApiPort;

    /// <summary>First port of <c>VIDEO_HYPERVISOR_PORTS</c>, the displays the central video proxy may reach.</summary>
    public int VideoFirstPort { get; init; } = DefaultVideoFirstPort;

    /// <summary>Last port of <c>VIDEO_HYPERVISOR_PORTS</c>.</summary>
    public int VideoLastPort { get; init; } = DefaultVideoLastPort;

    /// <summary>
    /// The address the control plane reaches hypervisors from, if known. When it is an IP address, the hypervisor's
    /// rules for SSH, video and Geneve accept only it; otherwise they accept any source.
    /// </summary>
    public string? ControlPlaneAddress { get; init; }
}
