using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Networking;
using static Hyperfleet.Core.Tests.Networking.TestPlans;

namespace Hyperfleet.Core.Tests.Networking;

public class FirewallCommandWriterTests
{
    private const FirewallHost Cp = FirewallHost.ControlPlane;
    private const FirewallHost Hv = FirewallHost.Hypervisor;
    private const FirewallDeployment Native = FirewallDeployment.Native;
    private const FirewallDeployment Container = FirewallDeployment.Container;
    private const FirewallDialect Ipt = FirewallDialect.Iptables;
    private const FirewallDialect Fwd = FirewallDialect.Firewalld;
    private const VpnTunnelingMode Wg = VpnTunnelingMode.WireguardGeneve;
    private const VpnTunnelingMode Gen = VpnTunnelingMode.Geneve;

    [Fact]
    public void For_AnyHypervisor_GivesEightSetsByHostDeploymentDialect()
    {
        var plan = Plan();

        Assert.Equal(
            [
                (Cp, Native, Ipt), (Cp, Native, Fwd), (Cp, Container, Ipt), (Cp, Container, Fwd),
                (Hv, Native, Ipt), (Hv, Native, Fwd), (Hv, Container, Ipt), (Hv, Container, Fwd),
            ],
            plan.FirewallCommands.Select(s => (s.Host, s.Deployment, s.Dialect)));
        Assert.All(plan.FirewallCommands, s => Assert.NotEmpty(s.Notes));
    }

    // The seed's own examples, for a hypervisor known by DNS name (so no source restriction).
    [Theory]
    [InlineData(Wg, Cp, Ipt, "iptables -t nat -A PREROUTING -p udp --dport 4443 -j DNAT --to-destination 172.31.255.23:4443")]
    [InlineData(Wg, Cp, Fwd, "firewall-cmd --permanent --add-forward-port=port=4443:proto=udp:toaddr=172.31.255.23:toport=4443")]
    [InlineData(Gen, Cp, Ipt, "iptables -t nat -A PREROUTING -p udp --dport 6081 -j DNAT --to-destination 172.31.255.23:6081")]
    [InlineData(Gen, Cp, Fwd, "firewall-cmd --permanent --add-forward-port=port=6081:proto=udp:toaddr=172.31.255.23:toport=6081")]
    [InlineData(Wg, Hv, Ipt, "iptables -t nat -A PREROUTING -p tcp --dport 2022 -j DNAT --to-destination 172.31.255.17:22")]
    [InlineData(Wg, Hv, Fwd, "firewall-cmd --permanent --add-forward-port=port=2022:proto=tcp:toaddr=172.31.255.17:toport=22")]
    [InlineData(Gen, Hv, Ipt, "iptables -t nat -A PREROUTING -p tcp --dport 2022 -j DNAT --to-destination 172.31.255.17:22")]
    [InlineData(Gen, Hv, Fwd, "firewall-cmd --permanent --add-forward-port=port=2022:proto=tcp:toaddr=172.31.255.17:toport=22")]
    public void For_ContainerDeployment_ForwardsToTheSeedsContainerAddresses(
        VpnTunnelingMode mode, FirewallHost host, FirewallDialect dialect, string expected)
    {
        var set = Plan(mode).Set(host, Container, dialect);

        Assert.Contains(expected, set.Commands);
    }

    [Theory]
    [InlineData(Wg, Cp, Ipt, "iptables -A INPUT -p udp --dport 4443 -j ACCEPT")]
    [InlineData(Wg, Cp, Fwd, "firewall-cmd --permanent --add-port=4443/udp")]
    [InlineData(Gen, Cp, Ipt, "iptables -A INPUT -p udp --dport 6081 -j ACCEPT")]
    [InlineData(Gen, Cp, Fwd, "firewall-cmd --permanent --add-port=6081/udp")]
    [InlineData(Wg, Cp, Ipt, "iptables -A INPUT -p tcp --dport 443 -j ACCEPT")]
    [InlineData(Wg, Hv, Ipt, "iptables -A INPUT -p tcp --dport 2022 -j ACCEPT")]
    [InlineData(Wg, Hv, Fwd, "firewall-cmd --permanent --add-port=2022/tcp")]
    [InlineData(Gen, Hv, Ipt, "iptables -A INPUT -p udp --dport 6081 -j ACCEPT")]
    [InlineData(Gen, Hv, Fwd, "firewall-cmd --permanent --add-port=6081/udp")]
    public void For_NativeDeployment_AcceptsThePorts(VpnTunnelingMode mode, FirewallHost host, FirewallDialect dialect, string expected)
    {
        var set = Plan(mode).Set(host, Native, dialect);

        Assert.Contains(expected, set.Commands);
    }

    [Theory]
    [InlineData(Native, Ipt, "iptables -A INPUT -p tcp --dport 5900:7899 -j ACCEPT")]
    [InlineData(Native, Fwd, "firewall-cmd --permanent --add-port=5900-7899/tcp")]
    [InlineData(Container, Ipt, "iptables -t nat -A PREROUTING -p tcp --dport 5900:7899 -j DNAT --to-destination 172.31.255.17")]
    [InlineData(Container, Fwd, "firewall-cmd --permanent --add-forward-port=port=5900-7899:proto=tcp:toaddr=172.31.255.17")]
    public void For_Standalone_OpensTheVideoRangeOnTheHypervisorInOneRule(FirewallDeployment deployment, FirewallDialect dialect, string expected)
    {
        var plan = Plan(flavour: HypervisorFlavour.HypervisorStandalone);

        Assert.Contains(expected, plan.Set(Hv, deployment, dialect).Commands);
        Assert.DoesNotContain(plan.Set(Cp, deployment, dialect).Commands, c => c.Contains("5900", StringComparison.Ordinal));
    }

    [Fact]
    public void For_HypervisorFlavour_OpensNoVideoRange()
    {
        Assert.DoesNotContain(Plan(flavour: HypervisorFlavour.Hypervisor).AllCommands(), c => c.Contains("5900", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Native, Ipt, "iptables -A INPUT -p tcp --dport 8080 -j ACCEPT")]
    [InlineData(Native, Fwd, "firewall-cmd --permanent --add-port=8443/tcp")]
    [InlineData(Container, Ipt, "iptables -t nat -A PREROUTING -p tcp --dport 8443 -j DNAT --to-destination 172.31.255.17:8443")]
    [InlineData(Container, Fwd, "firewall-cmd --permanent --add-forward-port=port=8080:proto=tcp:toaddr=172.31.255.17:toport=8080")]
    public void For_HypervisorFlavour_OpensItsViewerPortsToEveryClient(FirewallDeployment deployment, FirewallDialect dialect, string expected)
    {
        var input = Input(flavour: HypervisorFlavour.Hypervisor, settings: new() { ControlPlaneAddress = "198.51.100.7" })
            with { ViewerSpicePort = 8080, ViewerHtml5Port = 8443 };

        var set = PortPlan.For(input).Set(Hv, deployment, dialect);

        Assert.Contains(expected, set.Commands);
        Assert.Contains(set.Notes, n => n.Contains("viewer ports are open to every source", StringComparison.Ordinal));
    }

    [Fact]
    public void For_SameViewerPortTwice_WritesOneRule()
    {
        var input = Input() with { ViewerSpicePort = 443, ViewerHtml5Port = 443 };

        var commands = PortPlan.For(input).Set(Hv, Native, Ipt).Commands;

        Assert.Single(commands, c => c.Contains("--dport 443 ", StringComparison.Ordinal));
    }

    [Fact]
    public void For_CustomWgPort_FlowsIntoTableAndEveryControlPlaneCommand()
    {
        var plan = Plan(Wg, settings: new() { WgHypersPort = 51820 });

        Assert.Equal(51820, plan.Row(PortRequirementKeys.VpnTunnel).FirstPort);
        Assert.Contains("iptables -A INPUT -p udp --dport 51820 -j ACCEPT", plan.Set(Cp, Native, Ipt).Commands);
        Assert.Contains("firewall-cmd --permanent --add-port=51820/udp", plan.Set(Cp, Native, Fwd).Commands);
        Assert.Contains("iptables -t nat -A PREROUTING -p udp --dport 51820 -j DNAT --to-destination 172.31.255.23:51820", plan.Set(Cp, Container, Ipt).Commands);
        Assert.Contains("firewall-cmd --permanent --add-forward-port=port=51820:proto=udp:toaddr=172.31.255.23:toport=51820", plan.Set(Cp, Container, Fwd).Commands);
        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains("4443", StringComparison.Ordinal));
    }

    [Fact]
    public void For_CustomDockerNet_AppearsInEveryForwardingRule()
    {
        var plan = Plan(Gen, HypervisorFlavour.HypervisorStandalone, settings: new() { DockerNet = "10.20.30" });
        var forwarding = plan.FirewallCommands.Where(s => s.Deployment == Container).SelectMany(s => s.Commands)
            .Where(c => c != "firewall-cmd --reload").ToList();

        Assert.NotEmpty(forwarding);
        Assert.All(forwarding, c => Assert.Matches(@"(--to-destination |toaddr=)10\.20\.30\.(23|17)\b", c));
        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains("172.31.255", StringComparison.Ordinal));
        Assert.Contains("iptables -t nat -A PREROUTING -p udp --dport 6081 -j DNAT --to-destination 10.20.30.23:6081", plan.Set(Cp, Container, Ipt).Commands);
        Assert.Contains("firewall-cmd --permanent --add-forward-port=port=5900-7899:proto=tcp:toaddr=10.20.30.17", plan.Set(Hv, Container, Fwd).Commands);
    }

    [Fact]
    public void For_CustomSshPort_IsOpenedOnTheHostAndForwardedToTheContainersPort22()
    {
        var plan = PortPlan.For(Input() with { SshPort = 2222 });

        Assert.Contains("iptables -A INPUT -p tcp --dport 2222 -j ACCEPT", plan.Set(Hv, Native, Ipt).Commands);
        Assert.Contains("iptables -t nat -A PREROUTING -p tcp --dport 2222 -j DNAT --to-destination 172.31.255.17:22", plan.Set(Hv, Container, Ipt).Commands);
        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains("2022", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Native, Ipt)]
    [InlineData(Native, Fwd)]
    [InlineData(Container, Ipt)]
    [InlineData(Container, Fwd)]
    public void For_AnyHost_FirewalldReloadsLastAndIptablesNeverCallsFirewalld(FirewallDeployment deployment, FirewallDialect dialect)
    {
        var plan = Plan();

        foreach (var host in new[] { Cp, Hv })
        {
            var commands = plan.Set(host, deployment, dialect).Commands;
            if (dialect == Fwd)
            {
                Assert.Equal("firewall-cmd --reload", commands[^1]);
                Assert.All(commands, c => Assert.StartsWith("firewall-cmd ", c, StringComparison.Ordinal));
            }
            else
            {
                Assert.All(commands, c => Assert.Matches("^ip6?tables ", c));
            }
        }
    }

    [Fact]
    public void For_HypervisorIpLiteral_ControlPlaneRulesAcceptOnlyIt()
    {
        var plan = Plan(hostname: "192.0.2.10");

        Assert.Contains("iptables -A INPUT -p udp -s 192.0.2.10 --dport 4443 -j ACCEPT", plan.Set(Cp, Native, Ipt).Commands);
        Assert.Contains("iptables -A INPUT -p tcp -s 192.0.2.10 --dport 443 -j ACCEPT", plan.Set(Cp, Native, Ipt).Commands);
        Assert.Contains(
            "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"192.0.2.10\" port port=\"4443\" protocol=\"udp\" accept'",
            plan.Set(Cp, Native, Fwd).Commands);
        Assert.Contains(
            "iptables -t nat -A PREROUTING -p udp -s 192.0.2.10 --dport 4443 -j DNAT --to-destination 172.31.255.23:4443",
            plan.Set(Cp, Container, Ipt).Commands);
        Assert.Contains(
            "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"192.0.2.10\" forward-port port=\"4443\" protocol=\"udp\" to-port=\"4443\" to-addr=\"172.31.255.23\"'",
            plan.Set(Cp, Container, Fwd).Commands);
        // The hypervisor's own rules are about the control plane's address, not its own.
        Assert.DoesNotContain(plan.FirewallCommands.Where(s => s.Host == Hv).SelectMany(s => s.Commands), c => c.Contains("192.0.2.10", StringComparison.Ordinal));
    }

    [Fact]
    public void For_HypervisorDnsName_RulesAcceptAnySourceAndANoteSaysSo()
    {
        var plan = Plan(hostname: "hv1.example.org");

        Assert.DoesNotContain(plan.AllCommands(), c => c.Contains(" -s ", StringComparison.Ordinal) || c.Contains("hv1.example.org", StringComparison.Ordinal));
        Assert.All(plan.FirewallCommands.Where(s => s.Host == Cp),
            s => Assert.Contains(s.Notes, n => n.Contains("hv1.example.org is a DNS name", StringComparison.Ordinal)));
    }

    [Fact]
    public void For_ControlPlaneAddressKnown_HypervisorAcceptsSshGeneveAndVideoOnlyFromIt()
    {
        var plan = Plan(Gen, HypervisorFlavour.HypervisorStandalone, settings: new() { ControlPlaneAddress = "198.51.100.7" });
        var native = plan.Set(Hv, Native, Ipt).Commands;

        Assert.Equal(
            [
                "iptables -A INPUT -p udp -s 198.51.100.7 --dport 6081 -j ACCEPT",
                "iptables -A INPUT -p tcp -s 198.51.100.7 --dport 2022 -j ACCEPT",
                "iptables -A INPUT -p tcp -s 198.51.100.7 --dport 5900:7899 -j ACCEPT",
            ],
            native);
        Assert.Contains(
            "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"198.51.100.7\" forward-port port=\"5900-7899\" protocol=\"tcp\" to-addr=\"172.31.255.17\"'",
            plan.Set(Hv, Container, Fwd).Commands);
    }

    [Fact]
    public void For_ControlPlaneAddressIsADnsName_HypervisorRulesAcceptAnySource()
    {
        var plan = Plan(settings: new() { ControlPlaneAddress = "cp.example.org" });

        Assert.DoesNotContain(plan.FirewallCommands.Where(s => s.Host == Hv).SelectMany(s => s.Commands),
            c => c.Contains(" -s ", StringComparison.Ordinal) || c.Contains("source address", StringComparison.Ordinal));
        Assert.Contains(plan.Set(Hv, Native, Ipt).Notes, n => n.Contains("ControlPlaneAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void For_Ipv6Hypervisor_NativeRulesUseIp6tablesAndIpv6RichRules()
    {
        var plan = Plan(hostname: "[2001:db8::10]");

        Assert.Contains("ip6tables -A INPUT -p udp -s 2001:db8::10 --dport 4443 -j ACCEPT", plan.Set(Cp, Native, Ipt).Commands);
        Assert.Contains(
            "firewall-cmd --permanent --add-rich-rule='rule family=\"ipv6\" source address=\"2001:db8::10\" port port=\"4443\" protocol=\"udp\" accept'",
            plan.Set(Cp, Native, Fwd).Commands);
    }

    [Fact]
    public void For_Ipv6Hypervisor_ContainerRulesCannotBeLimitedAndSaySo()
    {
        var plan = Plan(hostname: "2001:db8::10");
        var set = plan.Set(Cp, Container, Ipt);

        Assert.Contains("iptables -t nat -A PREROUTING -p udp --dport 4443 -j DNAT --to-destination 172.31.255.23:4443", set.Commands);
        Assert.Contains(set.Notes, n => n.Contains("IPv4 only", StringComparison.Ordinal) && n.Contains("2001:db8::10", StringComparison.Ordinal));
        Assert.DoesNotContain(set.Notes, n => n.Contains("accept only", StringComparison.Ordinal));
    }

    [Fact]
    public void For_Ipv4MappedHypervisor_IsRestrictedAsIpv4()
    {
        var plan = Plan(hostname: "::ffff:192.0.2.10");

        Assert.Contains("iptables -A INPUT -p udp -s 192.0.2.10 --dport 4443 -j ACCEPT", plan.Set(Cp, Native, Ipt).Commands);
    }

    [Fact]
    public void For_ContainerDeployment_LeavesTheApiPortToTheControlPlanesContainer()
    {
        var plan = Plan(settings: new() { ApiPort = 8443 });

        Assert.Contains(plan.Set(Cp, Native, Ipt).Commands, c => c.Contains("--dport 8443", StringComparison.Ordinal));
        foreach (var dialect in new[] { Ipt, Fwd })
        {
            var set = plan.Set(Cp, Container, dialect);
            Assert.DoesNotContain(set.Commands, c => c.Contains("8443", StringComparison.Ordinal));
            Assert.Contains(set.Notes, n => n.Contains("agent API (8443/tcp)", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(Native, Ipt, "-I INPUT")]
    [InlineData(Native, Ipt, "iptables-save")]
    [InlineData(Container, Ipt, "DOCKER-USER")]
    [InlineData(Native, Fwd, "--zone=")]
    [InlineData(Container, Fwd, "firewall-cmd --reload")]
    [InlineData(Container, Ipt, "docker network inspect")]
    public void For_AnySet_NotesWarnAboutWhatTheCommandsCannotDo(FirewallDeployment deployment, FirewallDialect dialect, string mention)
    {
        var plan = Plan();

        Assert.Contains(plan.Set(Cp, deployment, dialect).Notes, n => n.Contains(mention, StringComparison.Ordinal));
        Assert.Contains(plan.Set(Hv, deployment, dialect).Notes, n => n.Contains(mention, StringComparison.Ordinal));
    }
}
