namespace Hyperfleet.Contracts.Ports;

/// <summary>Stable <see cref="PortRequirement.Key"/> values. Scripts may rely on them.</summary>
public static class PortRequirementKeys
{
    /// <summary>The hypervisor's tunnel to the VPN node: WireGuard (<c>WG_HYPERS_PORT</c>) or Geneve (6081), by tunneling mode.</summary>
    public const string VpnTunnel = "vpn_tunnel";

    /// <summary>Geneve from the VPN node to the hypervisor; only in <c>geneve</c> mode.</summary>
    public const string GeneveToHypervisor = "geneve_to_hypervisor";

    /// <summary>SSH from the control plane's engine to the hypervisor's <c>ssh_port</c>.</summary>
    public const string SshControl = "ssh_control";

    /// <summary>Disk operations; they ride on the SSH control channel and need no port of their own.</summary>
    public const string DiskOperations = "disk_operations";

    /// <summary>The central video proxy reaching desktops' displays on a <c>hypervisor-standalone</c> host.</summary>
    public const string VideoCentralProxy = "video_central_proxy";

    /// <summary>Clients reaching the SPICE proxy of a <c>hypervisor</c>-flavour host.</summary>
    public const string ViewerSpice = "viewer_spice";

    /// <summary>Clients reaching the HTML5 (websocket) proxy of a <c>hypervisor</c>-flavour host.</summary>
    public const string ViewerHtml5 = "viewer_html5";

    /// <summary>The hypervisor's agent registering with and sending heartbeats to the control plane's API.</summary>
    public const string AgentApi = "agent_api";
}
