using System.Diagnostics;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.IntegrationTests.Agent;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.IntegrationTests.Video;
using Hyperfleet.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Vpn;

/// <summary>
/// Seed 002's VLAN trunk on real hosts: a host's agent listens on its trunk for 802.1Q tags (or takes its static list),
/// sets the trunk promiscuous, makes one interface <c>v&lt;id&gt;</c> per VLAN and reports them; the API lists them.
/// The trunk is a veth whose far end, in the root namespace, sends tagged frames as a switch's trunk port would.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class VlansOnTestbedTests(TestbedFixture testbed, OwnProxyServerFixture server, ITestOutputHelper output)
    : IClassFixture<OwnProxyServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly List<HostProcess> agents = [];
    private readonly List<Process> senders = [];
    private readonly string work = Directory.CreateTempSubdirectory("hyperfleet-vlans-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var sender in senders)
        {
            sender.Kill();
            sender.Dispose();
        }
        foreach (var agent in agents)
        {
            if (!agent.HasExited)
            {
                await agent.TerminateAsync(TimeSpan.FromSeconds(30));
            }
            output.WriteLine(agent.Output);
            await agent.DisposeAsync();
        }
        foreach (var host in new[] { "hv1", "hv2" })
        {
            // The trunk's far end goes (the host's trunk0 with it), and the Open vSwitch the agent started for br-trunk.
            await CommandRunner.RunAsync("ip", ["link", "del", $"hftr-{host}"], CommandRunner.DefaultTimeout);
            await testbed.ResetNetAsync(host);
        }
    }

    [Fact]
    public async Task Trunk_TaggedFramesHeard_BecomeV100AndV200_AndAStaticListSkipsListening()
    {
        using var admin = server.Admin();
        var token = await AgentSteps.TokenAsync(admin, """{"uses":2,"description":"vlans"}""");
        string[] join = ["--server", server.HttpsAddress.ToString(), "--token", token.Token!, "--ca-pin", token.CaPin];

        // hv1: frames tagged 100 and 200 arrive on its trunk, as from a switch's trunk port: broadcast ARP requests every
        // 0.2 s, written raw (no 8021q module needed on this side either).
        await testbed.RunAsync("add-trunk", "hv1");
        var script = Path.Combine(work, "tagged.py");
        await File.WriteAllTextAsync(script, TaggedFrames);
        senders.Add(Process.Start(new ProcessStartInfo("python3", [script, "hftr-hv1", "100", "200"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!);
        agents.Add(AgentSteps.Start(testbed, "hv1", AgentSteps.Config(testbed, work, "hv1", "FLAVOUR=hypervisor-standalone",
            "HYPERVISOR_HOST_TRUNK_INTERFACE=trunk0", "VLAN_DETECT_SECONDS=5"), join));

        // hv2: a static list; nothing to listen for.
        await testbed.RunAsync("add-trunk", "hv2");
        agents.Add(AgentSteps.Start(testbed, "hv2", AgentSteps.Config(testbed, work, "hv2", "FLAVOUR=hypervisor-standalone",
            "HYPERVISOR_HOST_TRUNK_INTERFACE=trunk0", "HYPERVISOR_STATIC_VLANS=300", "VLAN_DETECT_SECONDS=600"), join));

        var hv1 = await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv1", x => x.Vlans is not null, Timeout, "hv1's VLANs reported");
        Assert.Equal([100, 200], hv1.Vlans!.Ids);
        Assert.Equal(["v100", "v200"], hv1.Vlans.Interfaces);
        Assert.True(hv1.Vlans.Detected);
        Assert.Equal("trunk0", hv1.Vlans.Trunk);
        Assert.Contains("PROMISC", await testbed.RunAsync("exec", "hv1", "ip", "link", "show", "trunk0"), StringComparison.Ordinal);
        Assert.Equal("200", await testbed.RunAsync("exec", "hv1", "ovs-vsctl", "get", "port", "v200", "tag"));
        Assert.Contains("v200", await testbed.RunAsync("exec", "hv1", "ip", "-br", "link", "show", "v200"), StringComparison.Ordinal);

        // Listening would take 600 s: the answer within the timeout shows the static list was taken as it is.
        var hv2 = await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv2", x => x.Vlans is not null, Timeout, "hv2's VLANs reported");
        Assert.Equal([300], hv2.Vlans!.Ids);
        Assert.False(hv2.Vlans.Detected);
        Assert.Equal("300", await testbed.RunAsync("exec", "hv2", "ovs-vsctl", "get", "port", "v300", "tag"));
        var history = await (await admin.GetAsync("/api/v1/hypervisors/hv1/events")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Contains(history, e => e.Kind == "vlans" && e.Detail!.Contains("v100, v200 on trunk0", StringComparison.Ordinal));
    }

    /// <summary>Sends an 802.1Q-tagged broadcast ARP request per VLAN every 0.2 s on an interface, until killed.</summary>
    private const string TaggedFrames = """
        import socket, struct, sys, time
        iface, vlans = sys.argv[1], [int(v) for v in sys.argv[2:]]
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((iface, 0))
        src = bytes.fromhex("024846540a01")
        while True:
            for vid in vlans:
                arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, src, bytes([192, 0, 2, 1]), bytes(6), bytes([192, 0, 2, 2]))
                s.send(b"\xff" * 6 + src + struct.pack("!HH", 0x8100, vid) + struct.pack("!H", 0x0806) + arp)
            time.sleep(0.2)
        """;
}
