using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Ports;
using static Hyperfleet.Core.Tests.Networking.TestPlans;

namespace Hyperfleet.Core.Tests.Networking;

public class PortRequirementTableTests
{
    private const VpnTunnelingMode Wg = VpnTunnelingMode.WireguardGeneve;
    private const VpnTunnelingMode Gen = VpnTunnelingMode.Geneve;
    private const HypervisorFlavour Hyp = HypervisorFlavour.Hypervisor;
    private const HypervisorFlavour Std = HypervisorFlavour.HypervisorStandalone;

    [Theory]
    [InlineData(Wg, Hyp, true, false, "vpn_tunnel ssh_control viewer_spice viewer_html5 agent_api")]
    [InlineData(Wg, Hyp, true, true, "vpn_tunnel ssh_control disk_operations viewer_spice viewer_html5 agent_api")]
    [InlineData(Wg, Hyp, false, true, "vpn_tunnel ssh_control disk_operations agent_api")]
    [InlineData(Wg, Std, true, false, "vpn_tunnel ssh_control video_central_proxy agent_api")]
    [InlineData(Wg, Std, true, true, "vpn_tunnel ssh_control disk_operations video_central_proxy agent_api")]
    [InlineData(Wg, Std, false, true, "vpn_tunnel ssh_control disk_operations agent_api")]
    [InlineData(Gen, Hyp, true, false, "vpn_tunnel geneve_to_hypervisor ssh_control viewer_spice viewer_html5 agent_api")]
    [InlineData(Gen, Hyp, true, true, "vpn_tunnel geneve_to_hypervisor ssh_control disk_operations viewer_spice viewer_html5 agent_api")]
    [InlineData(Gen, Hyp, false, true, "vpn_tunnel geneve_to_hypervisor ssh_control disk_operations agent_api")]
    [InlineData(Gen, Std, true, false, "vpn_tunnel geneve_to_hypervisor ssh_control video_central_proxy agent_api")]
    [InlineData(Gen, Std, true, true, "vpn_tunnel geneve_to_hypervisor ssh_control disk_operations video_central_proxy agent_api")]
    [InlineData(Gen, Std, false, true, "vpn_tunnel geneve_to_hypervisor ssh_control disk_operations agent_api")]
    public void For_ModeFlavourCapabilities_AppliesExactlyTheRowsTheHypervisorNeeds(
        VpnTunnelingMode mode, HypervisorFlavour flavour, bool hypervisor, bool diskOperations, string expected)
    {
        var plan = Plan(mode, flavour, hypervisor, diskOperations);

        Assert.Equal(expected, string.Join(' ', plan.Applicable().Select(r => r.Key)));
    }

    [Theory]
    [InlineData(Wg, Hyp, true, true)]
    [InlineData(Gen, Std, false, true)]
    [InlineData(Gen, Hyp, true, false)]
    public void For_AnyHypervisor_ListsEveryRowOnceSoTheDocsCanExplainWhatDoesNotApply(
        VpnTunnelingMode mode, HypervisorFlavour flavour, bool hypervisor, bool diskOperations)
    {
        var plan = Plan(mode, flavour, hypervisor, diskOperations);

        Assert.Equal(
            [
                PortRequirementKeys.VpnTunnel, PortRequirementKeys.GeneveToHypervisor, PortRequirementKeys.SshControl,
                PortRequirementKeys.DiskOperations, PortRequirementKeys.VideoCentralProxy, PortRequirementKeys.ViewerSpice,
                PortRequirementKeys.ViewerHtml5, PortRequirementKeys.AgentApi,
            ],
            plan.Requirements.Select(r => r.Key));
        Assert.All(plan.Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
    }

    [Theory]
    [InlineData(Wg, TransportProtocol.Udp, 4443, "VPN tunnel (WireGuard)")]
    [InlineData(Gen, TransportProtocol.Udp, 6081, "VPN tunnel (Geneve)")]
    public void For_Mode_TunnelRowUsesTheModesPortFromHypervisorToControlPlane(
        VpnTunnelingMode mode, TransportProtocol protocol, int port, string trafficType)
    {
        var row = Plan(mode).Row(PortRequirementKeys.VpnTunnel);

        Assert.Equal((protocol, port, port, $"{port}"), (row.Protocol, row.FirstPort, row.LastPort, row.Ports));
        Assert.Equal((PortEndpoint.Hypervisor, PortEndpoint.ControlPlane), (row.From, row.To));
        Assert.Equal(FirewallHost.ControlPlane, row.OpenOn);
        Assert.Equal(trafficType, row.TrafficType);
        Assert.Equal(PortRequirementOrigin.Seed, row.Origin);
    }

    [Theory]
    [InlineData(Hyp, true, true)]
    [InlineData(Hyp, true, false)]
    [InlineData(Hyp, false, true)]
    [InlineData(Std, true, true)]
    [InlineData(Std, true, false)]
    [InlineData(Std, false, true)]
    public void For_GeneveMode_NeverMentionsTheWireGuardPort(HypervisorFlavour flavour, bool hypervisor, bool diskOperations)
    {
        var plan = Plan(Gen, flavour, hypervisor, diskOperations, hostname: "192.0.2.10");

        Assert.DoesNotContain(plan.Applicable(), r => r.FirstPort == 4443);
        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains("4443", StringComparison.Ordinal));
    }

    [Fact]
    public void For_GeneveMode_HypervisorAcceptsGeneveFromTheVpnNode()
    {
        var row = Plan(Gen).Row(PortRequirementKeys.GeneveToHypervisor);

        Assert.True(row.Applies);
        Assert.Equal((TransportProtocol.Udp, 6081), (row.Protocol, row.FirstPort));
        Assert.Equal((PortEndpoint.ControlPlane, PortEndpoint.Hypervisor, FirewallHost.Hypervisor), (row.From, row.To, row.OpenOn));
    }

    [Fact]
    public void For_WireguardMode_GeneveNeedsNoPortOfItsOwn()
    {
        var plan = Plan(Wg, hostname: "192.0.2.10");

        Assert.False(plan.Row(PortRequirementKeys.GeneveToHypervisor).Applies);
        Assert.Contains("inside the WireGuard tunnel", plan.Row(PortRequirementKeys.GeneveToHypervisor).Description, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains("6081", StringComparison.Ordinal));
    }

    [Fact]
    public void For_Standalone_Opens5900To7899OnTheHypervisorForTheCentralProxy()
    {
        var row = Plan(flavour: Std).Row(PortRequirementKeys.VideoCentralProxy);

        Assert.True(row.Applies);
        Assert.Equal((TransportProtocol.Tcp, 5900, 7899, "5900-7899"), (row.Protocol, row.FirstPort, row.LastPort, row.Ports));
        Assert.Equal((PortEndpoint.ControlPlane, PortEndpoint.Hypervisor, FirewallHost.Hypervisor), (row.From, row.To, row.OpenOn));
        Assert.Contains("VIDEO_HYPERVISOR_HOSTNAMES", row.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void For_HypervisorFlavour_OpensItsOwnViewerPortsToClientsInsteadOfTheVideoRange()
    {
        var input = Input(flavour: Hyp) with { ViewerSpicePort = 8080, ViewerHtml5Port = 8443 };
        var plan = Core.Networking.PortPlan.For(input);

        Assert.False(plan.Row(PortRequirementKeys.VideoCentralProxy).Applies);
        var spice = plan.Row(PortRequirementKeys.ViewerSpice);
        var html5 = plan.Row(PortRequirementKeys.ViewerHtml5);
        Assert.Equal((8080, PortEndpoint.Clients, FirewallHost.Hypervisor), (spice.FirstPort, spice.From, spice.OpenOn));
        Assert.Equal((8443, PortEndpoint.Clients, FirewallHost.Hypervisor), (html5.FirstPort, html5.From, html5.OpenOn));
        Assert.True(spice.Applies && html5.Applies);
    }

    [Fact]
    public void For_PureHypervisor_HasNoDiskOperationsRequirement()
    {
        var row = Plan(hypervisor: true, diskOperations: false).Row(PortRequirementKeys.DiskOperations);

        Assert.False(row.Applies);
        Assert.Contains("disk-operations capability", row.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void For_DiskCapableHost_DiskOperationsRideOnSshAndOpenNoPort()
    {
        var plan = Core.Networking.PortPlan.For(Input(hypervisor: false, diskOperations: true) with { SshPort = 2222 });
        var row = plan.Row(PortRequirementKeys.DiskOperations);

        Assert.True(row.Applies);
        Assert.Null(row.OpenOn);
        Assert.Equal((TransportProtocol.Tcp, 2222), (row.Protocol, row.FirstPort));
        Assert.Equal(PortRequirementOrigin.Adapted, row.Origin);
        Assert.Contains("Redis", row.OriginNote, StringComparison.Ordinal);
    }

    [Fact]
    public void For_PureDiskOperationsHost_OpensNoVideoPort()
    {
        var plan = Plan(flavour: Std, hypervisor: false, diskOperations: true);

        Assert.DoesNotContain(plan.Applicable(), r => r.Key is PortRequirementKeys.VideoCentralProxy or PortRequirementKeys.ViewerSpice or PortRequirementKeys.ViewerHtml5);
        Assert.Contains("runs no desktops", plan.Row(PortRequirementKeys.VideoCentralProxy).Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Wg, Hyp)]
    [InlineData(Gen, Std)]
    public void For_AnyHypervisor_NeedsNoRedisPort(VpnTunnelingMode mode, HypervisorFlavour flavour)
    {
        var plan = Plan(mode, flavour, hostname: "192.0.2.10");

        Assert.DoesNotContain(plan.Requirements, r => r.FirstPort == 6379);
        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains("6379", StringComparison.Ordinal) || c.Contains("172.31.255.12", StringComparison.Ordinal));
    }

    [Fact]
    public void For_AnyHypervisor_AgentReachesTheApiPort()
    {
        var plan = Plan(settings: new() { ApiPort = 8443 });
        var row = plan.Row(PortRequirementKeys.AgentApi);

        Assert.True(row.Applies);
        Assert.Equal((TransportProtocol.Tcp, 8443), (row.Protocol, row.FirstPort));
        Assert.Equal((PortEndpoint.Hypervisor, FirewallHost.ControlPlane), (row.From, row.OpenOn));
    }

    [Fact]
    public void For_CustomSshPort_FlowsIntoTheSshRow()
    {
        var plan = Core.Networking.PortPlan.For(Input() with { SshPort = 22 });

        Assert.Equal(22, plan.Row(PortRequirementKeys.SshControl).FirstPort);
    }

    [Theory]
    [InlineData(PortRequirementKeys.VpnTunnel, PortRequirementOrigin.Seed)]
    [InlineData(PortRequirementKeys.SshControl, PortRequirementOrigin.Seed)]
    [InlineData(PortRequirementKeys.DiskOperations, PortRequirementOrigin.Adapted)]
    [InlineData(PortRequirementKeys.VideoCentralProxy, PortRequirementOrigin.Adapted)]
    [InlineData(PortRequirementKeys.GeneveToHypervisor, PortRequirementOrigin.Hyperfleet)]
    [InlineData(PortRequirementKeys.ViewerSpice, PortRequirementOrigin.Hyperfleet)]
    [InlineData(PortRequirementKeys.ViewerHtml5, PortRequirementOrigin.Hyperfleet)]
    [InlineData(PortRequirementKeys.AgentApi, PortRequirementOrigin.Hyperfleet)]
    public void For_Row_IsMarkedAsSeedAdaptedOrHyperfleetWithANoteWhenItDiffers(string key, PortRequirementOrigin origin)
    {
        var row = Plan().Row(key);

        Assert.Equal(origin, row.Origin);
        Assert.Equal(origin != PortRequirementOrigin.Seed, !string.IsNullOrWhiteSpace(row.OriginNote));
    }
}
