using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Agent.Tests;

public sealed class AgentSettingsReaderTests
{
    private const string Pin = "sha256:d71c8a4e9a70ea3afca9c51f80282bb4ca7a610cf5d9dde8f76b138cebf07617";

    private static string Minimal(params string[] extra) => string.Join('\n', [
        "HYPERFLEET_URL=https://vdi.example.org:9443",
        "HYPERFLEET_ENROLLMENT_TOKEN=abc123.0123456789abcdef",
        $"HYPERFLEET_CA_PIN={Pin}",
        .. extra,
    ]);

    [Fact]
    public void Read_MinimalFile_TakesTheDataModelDefaultsAndTheHostNameAsId()
    {
        var read = AgentSettingsReader.Read(Minimal(), "hv7");
        Assert.Empty(read.Problems);
        var s = read.Settings;
        Assert.Equal(("hv7", 2022, "root", true, true), (s.HypervisorId, s.SshPort, s.SshUser, s.CapHypervisor, s.CapDiskOperations));
        Assert.Equal(HypervisorFlavour.Hypervisor, s.Flavour);
        Assert.Equal(VpnTunnelingMode.WireguardGeneve, s.VpnTunnelingMode);
        Assert.Equal(1500, s.InfrastructureMtu);
        Assert.Null(s.Hostname);
        Assert.Equal("/etc/ssh/ssh_host_ed25519_key.pub", s.SshHostKeyFile);
    }

    [Fact]
    public void Read_IsardvdiNames_MapToTheHypervisorsSettings()
    {
        var read = AgentSettingsReader.Read(Minimal(
            "# a pure disk host", "HYPER_ID=disk-1", "CAPABILITIES_HYPER=false", "CAPABILITIES_DISK=true", "FLAVOUR=hypervisor-standalone",
            "VPN_TUNNELING_MODE=geneve", "HYPER_FREEMEM=2", "ONLY_FORCED_HYP=true", "INFRASTRUCTURE_MTU=9000",
            "HYPERVISOR_HOST_TRUNK_INTERFACE=eth1", "HYPERVISOR_STATIC_VLANS=100, 200", "VIEWER_PROXY_HYPER_HOST='10.0.0.5'",
            "DOCKER_IMAGE_TAG=v14"), "ignored");
        Assert.Empty(read.Problems);
        var s = read.Settings;
        Assert.Equal("disk-1", s.HypervisorId);
        Assert.False(s.CapHypervisor);
        Assert.Equal(HypervisorFlavour.HypervisorStandalone, s.Flavour);
        Assert.Equal(VpnTunnelingMode.Geneve, s.VpnTunnelingMode);
        Assert.Equal(2048, s.MinFreeMemMib);
        Assert.True(s.OnlyForced);
        Assert.Equal(9000, s.InfrastructureMtu);
        Assert.Equal([100, 200], s.StaticVlans);
        Assert.Equal("10.0.0.5", s.ViewerProxyHyperHost);
        // An isardvdi.cfg has keys for other parts: named as ignored, never an error.
        Assert.Equal(["DOCKER_IMAGE_TAG"], read.Ignored);
        var request = s.ToRequest("10.0.0.9");
        Assert.Equal(("disk-1", "10.0.0.9", "hypervisor-standalone", "geneve"), (request.Id, request.Hostname, request.Flavour, request.VpnTunnelingMode));
    }

    [Fact]
    public void Read_BadFile_NamesEveryProblemWithItsKey()
    {
        var read = AgentSettingsReader.Read(string.Join('\n',
            "HYPERFLEET_URL=http://vdi.example.org", "HYPERFLEET_ENROLLMENT_TOKEN=not-a-token", "HYPERFLEET_CA_PIN=sha256:abc",
            "HYPER_ID=Bad Id", "CAPABILITIES_HYPER=false", "CAPABILITIES_DISK=no", "FLAVOUR=storage", "VPN_TUNNELING_MODE=ipsec",
            "INFRASTRUCTURE_MTU=100", "HYPER_SSH_PORT=70000", "HYPERVISOR_STATIC_VLANS=100,5000", "HYPER_HOSTNAME=127.0.0.1",
            "this line is not a setting"), "hv1");
        var keys = new[]
        {
            "HYPERFLEET_URL", "HYPERFLEET_ENROLLMENT_TOKEN", "HYPERFLEET_CA_PIN", "HYPER_ID", "CAPABILITIES_HYPER/CAPABILITIES_DISK", "FLAVOUR",
            "VPN_TUNNELING_MODE", "INFRASTRUCTURE_MTU", "HYPER_SSH_PORT", "HYPERVISOR_STATIC_VLANS", "HYPER_HOSTNAME", "line 13",
        };
        foreach (var key in keys)
        {
            Assert.Contains(read.Problems, p => p.Contains(key, StringComparison.Ordinal));
        }
        // The VLANs also need a trunk to arrive on.
        Assert.Contains(read.Problems, p => p.Contains("needs HYPERVISOR_HOST_TRUNK_INTERFACE", StringComparison.Ordinal));
    }
}

public sealed class DeployedAgentConfigTests
{
    [Fact]
    public void SampleConfig_InDeploy_ReadsWithoutProblemsOrUnknownKeys()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hyperfleet.slnx")))
        {
            dir = dir.Parent;
        }
        var sample = File.ReadAllText(Path.Combine(dir!.FullName, "deploy", "agent.cfg"));
        sample = Core.Configuration.CfgFile.Set(sample, "HYPERFLEET_ENROLLMENT_TOKEN", "abc123.0123456789abcdef");
        sample = Core.Configuration.CfgFile.Set(sample, "HYPERFLEET_CA_PIN", "sha256:" + new string('a', 64));
        var read = AgentSettingsReader.Read(sample, "hv1");
        Assert.Empty(read.Problems);
        Assert.Empty(read.Ignored);
        Assert.Equal(AgentSettingsReader.Known.Order(StringComparer.Ordinal),
            Core.Configuration.CfgFile.Parse(sample).Keys.Order(StringComparer.Ordinal));
    }
}
