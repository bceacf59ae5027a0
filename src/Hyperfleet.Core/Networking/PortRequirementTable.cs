using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Ports;

namespace Hyperfleet.Core.Networking;

/// <summary>
/// The rows of a hypervisor's port table. It follows the IsardVDI table where Hyperfleet works the same way and says
/// where it does not: no Redis (disk operations ride on SSH), Geneve's return path in geneve mode, the agent's API calls,
/// and the viewer ports of a hypervisor that runs its own video proxy.
/// </summary>
internal static class PortRequirementTable
{
    public static IReadOnlyList<PortRequirement> Build(PortPlanInput input)
    {
        var s = input.Settings;
        var wireguard = input.VpnTunnelingMode == VpnTunnelingMode.WireguardGeneve;
        var runsDesktops = input.Capabilities.Hypervisor;
        var standalone = input.Flavour == HypervisorFlavour.HypervisorStandalone;

        return
        [
            wireguard
                ? Row(PortRequirementKeys.VpnTunnel, "VPN tunnel (WireGuard)", TransportProtocol.Udp, s.WgHypersPort, s.WgHypersPort,
                    PortEndpoint.Hypervisor, PortEndpoint.ControlPlane, FirewallHost.ControlPlane, applies: true,
                    "WireGuard tunnel from the hypervisor to the control plane's VPN node (WG_HYPERS_PORT); the desktops' Geneve overlay runs inside it.",
                    PortRequirementOrigin.Seed, null)
                : Row(PortRequirementKeys.VpnTunnel, "VPN tunnel (Geneve)", TransportProtocol.Udp, s.GenevePort, s.GenevePort,
                    PortEndpoint.Hypervisor, PortEndpoint.ControlPlane, FirewallHost.ControlPlane, applies: true,
                    "Geneve overlay from the hypervisor straight to the control plane's VPN node, unencrypted: for trusted networks only.",
                    PortRequirementOrigin.Seed, null),

            Row(PortRequirementKeys.GeneveToHypervisor, "Geneve overlay (VPN node to hypervisor)", TransportProtocol.Udp, s.GenevePort, s.GenevePort,
                PortEndpoint.ControlPlane, PortEndpoint.Hypervisor, FirewallHost.Hypervisor, applies: !wireguard,
                wireguard
                    ? "Not needed in wireguard+geneve mode: Geneve travels inside the WireGuard tunnel."
                    : "Geneve from the VPN node to the hypervisor. Geneve is connectionless, so these packets are not replies a stateful firewall lets in by itself.",
                PortRequirementOrigin.Hyperfleet,
                "Not in the IsardVDI table, which lists only the hypervisor-to-VPN direction: in geneve mode the VPN node sends to the hypervisor's own address, so the hypervisor must accept the Geneve port too."),

            Row(PortRequirementKeys.SshControl, "SSH control", TransportProtocol.Tcp, input.SshPort, input.SshPort,
                PortEndpoint.ControlPlane, PortEndpoint.Hypervisor, FirewallHost.Hypervisor, applies: true,
                "The engine's SSH connection to the hypervisor's ssh_port: libvirt over qemu+ssh, checks and keepalive.",
                PortRequirementOrigin.Seed, null),

            Row(PortRequirementKeys.DiskOperations, "Disk operations", TransportProtocol.Tcp, input.SshPort, input.SshPort,
                PortEndpoint.ControlPlane, PortEndpoint.Hypervisor, openOn: null, applies: input.Capabilities.DiskOperations,
                input.Capabilities.DiskOperations
                    ? $"Disk operations (create, convert, resize, move, delete) run over the SSH control channel on {input.SshPort}/tcp: no port of their own."
                    : "Not needed: this hypervisor does not have the disk-operations capability.",
                PortRequirementOrigin.Adapted,
                "Replaces the IsardVDI row \"Storage tasks 6379/tcp\" (storage workers reaching Redis on the control plane): Hyperfleet has no Redis and runs disk operations from the control plane over SSH."),

            Row(PortRequirementKeys.VideoCentralProxy, "Video (central proxy)", TransportProtocol.Tcp, s.VideoFirstPort, s.VideoLastPort,
                PortEndpoint.ControlPlane, PortEndpoint.Hypervisor, FirewallHost.Hypervisor, applies: standalone && runsDesktops,
                (standalone, runsDesktops) switch
                {
                    (_, false) => "Not needed: this host runs no desktops.",
                    (true, _) => "The central video proxy reaching the desktops' displays (VIDEO_HYPERVISOR_PORTS); the control plane must also list this host in VIDEO_HYPERVISOR_HOSTNAMES.",
                    (false, _) => "Not needed for flavour hypervisor: its own video proxy reaches the displays locally.",
                },
                PortRequirementOrigin.Adapted,
                "The IsardVDI table reads client to hypervisor; the connections come from the central video proxy, so only the control plane needs to reach these ports."),

            ViewerRow(PortRequirementKeys.ViewerSpice, "Viewer (SPICE)", input.ViewerSpicePort, standalone, runsDesktops,
                "SPICE clients reach the hypervisor's own video proxy (HTTP CONNECT) at its viewer spice_port."),

            ViewerRow(PortRequirementKeys.ViewerHtml5, "Viewer (HTML5)", input.ViewerHtml5Port, standalone, runsDesktops,
                "Browsers reach the hypervisor's own video proxy (websocket) at its viewer html5_port."),

            Row(PortRequirementKeys.AgentApi, "Agent API", TransportProtocol.Tcp, s.ApiPort, s.ApiPort,
                PortEndpoint.Hypervisor, PortEndpoint.ControlPlane, FirewallHost.ControlPlane, applies: true,
                "The hyperfleet agent registers, fetches its configuration and sends heartbeats over HTTPS to the control plane's API.",
                PortRequirementOrigin.Hyperfleet,
                "Not in the IsardVDI table. Usually open already, since the web UI and the API share the port."),
        ];
    }

    private static PortRequirement ViewerRow(string key, string trafficType, int port, bool standalone, bool runsDesktops, string description) =>
        Row(key, trafficType, TransportProtocol.Tcp, port, port,
            PortEndpoint.Clients, PortEndpoint.Hypervisor, FirewallHost.Hypervisor, applies: !standalone && runsDesktops,
            (standalone, runsDesktops) switch
            {
                (_, false) => "Not needed: this host runs no desktops.",
                (true, _) => "Not needed for flavour hypervisor-standalone: clients go through the central video proxy.",
                (false, _) => description,
            },
            PortRequirementOrigin.Hyperfleet,
            "The IsardVDI table lists no video port for flavour hypervisor; its own video proxy still needs its viewer ports open to clients.");

    private static PortRequirement Row(
        string key, string trafficType, TransportProtocol protocol, int first, int last,
        PortEndpoint from, PortEndpoint to, FirewallHost? openOn, bool applies,
        string description, PortRequirementOrigin origin, string? originNote) =>
        new(key, trafficType, protocol, first, last, PortText(first, last, '-'), from, to, openOn, applies, description, origin, originNote);

    /// <summary><c>4443</c>, or a range joined by <paramref name="separator"/> (<c>-</c> for firewalld, <c>:</c> for iptables).</summary>
    public static string PortText(int first, int last, char separator) =>
        first == last ? $"{first}" : $"{first}{separator}{last}";
}
