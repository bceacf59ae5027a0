using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Networking;

namespace Hyperfleet.Core.Tests.Networking;

/// <summary>Port plan inputs and lookups shared by the networking tests.</summary>
internal static class TestPlans
{
    public static PortPlanInput Input(
        VpnTunnelingMode mode = VpnTunnelingMode.WireguardGeneve,
        HypervisorFlavour flavour = HypervisorFlavour.Hypervisor,
        bool hypervisor = true,
        bool diskOperations = true,
        string hostname = "hv1.example.org",
        PortPlanSettings? settings = null) => new()
        {
            HypervisorId = "hv1",
            Hostname = hostname,
            Capabilities = new HypervisorCapabilities(hypervisor, diskOperations),
            Flavour = flavour,
            VpnTunnelingMode = mode,
            Settings = settings ?? new PortPlanSettings(),
        };

    public static HypervisorPortsResponse Plan(
        VpnTunnelingMode mode = VpnTunnelingMode.WireguardGeneve,
        HypervisorFlavour flavour = HypervisorFlavour.Hypervisor,
        bool hypervisor = true,
        bool diskOperations = true,
        string hostname = "hv1.example.org",
        PortPlanSettings? settings = null) =>
        PortPlan.For(Input(mode, flavour, hypervisor, diskOperations, hostname, settings));

    public static PortRequirement Row(this HypervisorPortsResponse plan, string key) =>
        Assert.Single(plan.Requirements, r => r.Key == key);

    public static FirewallCommandSet Set(
        this HypervisorPortsResponse plan, FirewallHost host, FirewallDeployment deployment, FirewallDialect dialect) =>
        Assert.Single(plan.FirewallCommands, s => s.Host == host && s.Deployment == deployment && s.Dialect == dialect);

    public static IEnumerable<string> AllCommands(this HypervisorPortsResponse plan) =>
        plan.FirewallCommands.SelectMany(s => s.Commands);

    public static IEnumerable<PortRequirement> Applicable(this HypervisorPortsResponse plan) =>
        plan.Requirements.Where(r => r.Applies);
}
