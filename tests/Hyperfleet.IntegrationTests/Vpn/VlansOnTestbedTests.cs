using System.Diagnostics;
using System.Net;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Server.Data;
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

        // A desktop given VLAN 100 starts where the trunk carries it (hv1, not hv2) on a tagged port of the trunk's bridge;
        // VLAN 999, which no trunk carries, is refused with the reason.
        await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv2", x => x.Status == HypervisorStatus.Online, Timeout, "hv2 Online");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var template = "vlan-base-" + suffix;
        (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{template}}","size_gib":1,"memory_mib":128,"vcpus":1}""")).EnsureSuccessStatusCode();
        await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/{template}", t => t.Status == TemplateStatuses.Ready, Timeout, "template Ready");
        foreach (var (id, vlan) in new[] { ($"vlan-a-{suffix}", 100), ($"vlan-b-{suffix}", 999) })
        {
            (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{id}}","template":"{{template}}","vlan":{{vlan}}}""")).EnsureSuccessStatusCode();
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Stopped, Timeout, $"{id} created");
        }
        var onVlan = $"vlan-a-{suffix}";
        (await admin.PostEmptyAsync($"/api/v1/desktops/{onVlan}/start")).EnsureSuccessStatusCode();
        var started = await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{onVlan}", d => d.Status == DesktopStatuses.Started, Timeout, "the VLAN desktop Started");
        Assert.Equal(("hv1", 100), (started.Hypervisor, started.Vlan));
        var domain = DesktopDomainNames.NameOf(onVlan);
        var xml = await testbed.RunAsync("exec", "hv1", "virsh", "dumpxml", domain);
        Assert.Contains("<source bridge='br-trunk'/>", xml, StringComparison.Ordinal);
        Assert.Contains("<tag id='100'/>", xml, StringComparison.Ordinal);
        var tap = (await testbed.RunAsync("exec", "hv1", "virsh", "domiflist", domain)).Split('\n').Select(l => l.Trim())
            .First(l => l.Contains("br-trunk", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        Assert.Equal("100", await testbed.RunAsync("exec", "hv1", "ovs-vsctl", "get", "port", tap, "tag"));
        var refused = await (await admin.PostEmptyAsync($"/api/v1/desktops/vlan-b-{suffix}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.NoHypervisor);
        Assert.Contains("VLAN 999", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await (await admin.PostEmptyAsync($"/api/v1/desktops/{onVlan}/stop")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
        await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{onVlan}", d => d.Status == DesktopStatuses.Stopped, Timeout, "the VLAN desktop Stopped");
        foreach (var id in new[] { onVlan, $"vlan-b-{suffix}" })
        {
            await admin.DeleteAsync($"/api/v1/desktops/{id}");
        }
        await admin.DeleteAsync($"/api/v1/templates/{template}");
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
