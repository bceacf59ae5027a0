using System.Net;
using Hyperfleet.Contracts.Ports;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>The port table follows each hypervisor's own mode, flavour and SSH port.</summary>
public abstract class PortsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Ports_WireguardStandalone_OpensWireguardAndVideoRangeAndOwnSshPort()
    {
        using var admin = fixture.Admin();
        var id = "ports-wg-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id, "hv9.example.org", ""","flavour":"hypervisor-standalone","ssh_port":2222""");
        var ports = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/ports")).OkAsync<HypervisorPortsResponse>();

        var applies = ports.Requirements.Where(r => r.Applies).ToDictionary(r => r.Key);
        Assert.Equal("4443", applies[PortRequirementKeys.VpnTunnel].Ports);
        Assert.Equal(TransportProtocol.Udp, applies[PortRequirementKeys.VpnTunnel].Protocol);
        Assert.Equal("2222", applies[PortRequirementKeys.SshControl].Ports);
        Assert.Equal("5900-7899", applies[PortRequirementKeys.VideoCentralProxy].Ports);
        Assert.DoesNotContain(ports.Requirements, r => r.Ports.Contains("6379", StringComparison.Ordinal));

        var hypervisorRules = ports.FirewallCommands.Single(s => s.Host == FirewallHost.Hypervisor
            && s.Dialect == FirewallDialect.Iptables && s.Deployment == FirewallDeployment.Native);
        Assert.Contains(hypervisorRules.Commands, c => c.Contains("--dport 2222", StringComparison.Ordinal));
        var containerRules = ports.FirewallCommands.Single(s => s.Host == FirewallHost.ControlPlane
            && s.Dialect == FirewallDialect.Firewalld && s.Deployment == FirewallDeployment.Container);
        Assert.Contains(containerRules.Commands, c => c.Contains("toaddr=172.31.255.23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ports_GeneveWithOwnVideoProxy_UsesGenevePortAndNoCentralVideoRange()
    {
        using var admin = fixture.Admin();
        var id = "ports-gn-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id, "hv8.example.org", ""","vpn_tunneling_mode":"geneve","flavour":"hypervisor" """);
        var ports = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/ports")).OkAsync<HypervisorPortsResponse>();

        var applies = ports.Requirements.Where(r => r.Applies).ToList();
        Assert.Contains(applies, r => r.Key == PortRequirementKeys.VpnTunnel && r.Ports == "6081");
        Assert.DoesNotContain(applies, r => r.Ports == "4443");
        Assert.DoesNotContain(applies, r => r.Key == PortRequirementKeys.VideoCentralProxy);
        Assert.Contains(applies, r => r.Key == PortRequirementKeys.ViewerHtml5 && r.Ports == "443");
    }

    [Fact]
    public async Task Ports_UnknownHypervisor_Is404()
    {
        using var admin = fixture.Admin();
        await (await admin.GetAsync("/api/v1/hypervisors/missing/ports")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}

[Collection("sqlite")]
public sealed class PortsApiTestsOnSqlite(SqliteApiFixture fixture) : PortsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class PortsApiTestsOnPostgres(PostgresApiFixture fixture) : PortsApiTests(fixture), IClassFixture<PostgresApiFixture>;
