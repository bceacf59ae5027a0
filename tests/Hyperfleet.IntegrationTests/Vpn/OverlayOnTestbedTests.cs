using System.Diagnostics;
using System.Globalization;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Core.Overlay;
using Hyperfleet.IntegrationTests.Agent;
using Hyperfleet.IntegrationTests.Testbed;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Vpn;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hyperfleet.IntegrationTests.Vpn;

/// <summary>
/// The seeds' "VPN Tunneling Modes" on real hosts: each testbed host's agent brings up its side (wireguard-go and Open
/// vSwitch's userspace datapath, as on machines without the kernel modules), the VPN role of <c>serve</c> is the hub in a
/// host of its own, and traffic between two hypervisors' overlay ports crosses it, in both modes.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class OverlayOnTestbedTests(TestbedFixture testbed, OverlayServerFixture server, ITestOutputHelper output)
    : IClassFixture<OverlayServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly (string Host, string Mode)[] Plan =
        [("hv1", "wireguard+geneve"), ("hv2", "wireguard+geneve"), ("hv3", "geneve")];

    private readonly List<HostProcess> agents = [];
    private readonly string work = Directory.CreateTempSubdirectory("hyperfleet-overlay-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var agent in agents)
        {
            if (!agent.HasExited)
            {
                await agent.TerminateAsync(TimeSpan.FromSeconds(30));
            }
            output.WriteLine(agent.Output);
            await agent.DisposeAsync();
        }
        // The overlay outlives its agent by design (desktops keep their network): take it down for the next tests.
        await server.Services.GetRequiredService<VpnNodeService>().StopAsync(CancellationToken.None);
        foreach (var host in Plan.Select(p => p.Host).Append("vpn"))
        {
            await testbed.ResetNetAsync(host);
        }
    }

    [Fact]
    public async Task ThreeHostsInBothModes_ShareTheOverlayThroughTheVpnNode_WithTheMtuEnforced_AndRepairThemselves()
    {
        using var admin = server.Admin();
        var token = await AgentSteps.TokenAsync(admin, """{"uses":3,"description":"overlay"}""");
        foreach (var (host, mode) in Plan)
        {
            var config = AgentSteps.Config(testbed, work, host, "FLAVOUR=hypervisor-standalone", $"VPN_TUNNELING_MODE={mode}");
            agents.Add(AgentSteps.Start(testbed, host, config,
                "--server", server.HttpsAddress.ToString(), "--token", token.Token!, "--ca-pin", token.CaPin));
        }
        var rows = new Dictionary<string, HypervisorResponse>();
        foreach (var (host, mode) in Plan)
        {
            rows[host] = await TunnelAsync(admin, host, TunnelStatuses.Connected, $"{host}'s {mode} tunnel connected, measured by the VPN node");
            Assert.Equal(mode, WireNames.Of(rows[host].VpnTunnelingMode));
            await admin.WaitForAsync<HypervisorResponse>(output, $"/api/v1/hypervisors/{host}", x => x.Status == HypervisorStatus.Online, Timeout,
                $"{host} Online (its overlay check passed)");
        }
        // Addresses from WG_HYPERS_NET, one each, after the node's own.
        Assert.Equal(3, rows.Values.Select(r => r.Vpn!.Address).Distinct().Count());
        Assert.All(rows.Values, r => Assert.StartsWith("100.72.0.", r.Vpn!.Address, StringComparison.Ordinal));

        // Ports on each host's overlay bridge, sized to the overlay's MTU, as a desktop's NIC is: one L2 network for all,
        // so the smallest guest MTU of its hosts (a WireGuard host's) even on the Geneve-only host.
        var mtu = rows.Values.Min(r => r.GuestMtu);
        Assert.Equal(1386, mtu);
        foreach (var (host, _) in Plan)
        {
            await OverlayPortAsync(host, mtu);
        }
        await PingAsync("hv1", "hv2", mtu);     // WireGuard + Geneve on both ends, through the node
        await PingAsync("hv1", "hv3", mtu);     // one end in each mode
        await PingAsync("hv3", "hv2", mtu);

        // The MTU is enforced on the NIC: a packet of the overlay MTU passes, one byte more is refused at once (DF),
        // never sent to vanish in the tunnel.
        var tooBig = await NetnsAsync("hv1", "ping", "-c", "1", "-W", "2", "-M", "do", "-s", Payload(mtu + 1), Peer("hv2"));
        Assert.False(tooBig.Succeeded);
        Assert.Contains("message too long", tooBig.StandardOutput + tooBig.StandardError, StringComparison.OrdinalIgnoreCase);

        // Desktops on two hosts (one per mode) get a NIC on their host's overlay bridge with the overlay's MTU; libvirt
        // adds the port when the desktop starts and removes it when it stops.
        await DesktopsOnTheOverlayAsync(admin, mtu);

        // On the underlay, WireGuard mode carries only WireGuard (no cleartext Geneve); Geneve mode carries Geneve on 6081.
        var wgCapture = await CaptureAsync("hv1", "hv2");
        Assert.True(wgCapture.WireGuard > 0, $"hv1 sent WireGuard packets: {wgCapture}");
        Assert.Equal(0, wgCapture.Geneve);
        var geneveCapture = await CaptureAsync("hv3", "hv2");
        Assert.True(geneveCapture.Geneve > 0, $"hv3 sent Geneve on 6081: {geneveCapture}");

        // A host cut from the network: BFD notices within a second or so, the reason is on the row, and it comes back.
        var cut = Stopwatch.StartNew();
        await testbed.CutAsync("hv2");
        try
        {
            var down = await TunnelAsync(admin, "hv2", TunnelStatuses.Disconnected, "hv2's tunnel seen down");
            output.WriteLine($"cut → disconnected in {cut.Elapsed.TotalSeconds:0.0} s ({down.Vpn!.TunnelReason}: {down.Vpn.TunnelDetail})");
            Assert.Equal("bfd_down", down.Vpn.TunnelReason);
        }
        finally
        {
            await testbed.RestoreAsync("hv2");
        }
        await TunnelAsync(admin, "hv2", TunnelStatuses.Connected, "hv2's tunnel back after the link is restored");
        var history = await (await admin.GetAsync("/api/v1/hypervisors/hv2/events?limit=1000")).OkAsync<List<Contracts.Events.HypervisorEventResponse>>();
        Assert.Contains(history, e => e is { Kind: "tunnel_disconnected", Reason: "bfd_down" });

        // wireguard-go killed on a host: its agent starts it again and re-adds the peer by itself.
        await KillAsync("hv1", "wireguard-go");
        await Poll.UntilAsync(async () => (await DiagnoseAsync(admin, "hv1")).Agent?.Repairs > 0, Timeout, "hv1's agent repaired its side");
        await TunnelAsync(admin, "hv1", TunnelStatuses.Connected, "hv1's tunnel connected after the repair");
        await PingAsync("hv1", "hv2", mtu);

        // The VPN node's host rebooted (its daemons and Open vSwitch database gone) and the vpn role restarted: every
        // peer and port is back, once.
        var node = server.Services.GetRequiredService<VpnNodeService>();
        await node.StopAsync(CancellationToken.None);
        await testbed.ResetNetAsync("vpn");
        Directory.Delete(Path.Combine(server.VpnRunDirectory, "ovs"), recursive: true);
        var stopped = await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv1", x => x.TunnelStatus == TunnelStatuses.Disconnected,
            Timeout, "a stopped node shows its tunnels unmeasured");
        Assert.Equal("vpn_node_stopped", stopped.Vpn!.TunnelReason);
        await node.StartAsync(CancellationToken.None);
        foreach (var (host, _) in Plan)
        {
            await TunnelAsync(admin, host, TunnelStatuses.Connected, $"{host} connected again after the VPN node's restart");
        }
        var diagnosis = await DiagnoseAsync(admin, "hv1");
        Assert.Equal(3, diagnosis.NodePorts.Count(p => p.StartsWith("gnv", StringComparison.Ordinal)));
        var device = await new WireGuardUapi(WireGuardUapi.SocketPathFor(VpnNodeService.NodeId)).GetAsync();
        Assert.Equal(2, device.Peers.Count);
        Assert.Equal(2, device.Peers.Select(p => p.PublicKey).Distinct().Count());
        await PingAsync("hv3", "hv1", mtu);

        // An admin moves hv2 to geneve (disable, edit, enable): its agent sees it in a heartbeat's answer and applies it,
        // without registering again, and keeps it in its config file; hv2 still reaches hv1 over the overlay.
        var before = DateTimeOffset.UtcNow;
        (await admin.PostEmptyAsync("/api/v1/hypervisors/hv2/disable")).EnsureSuccessStatusCode();
        await admin.WaitForAsync<HypervisorResponse>(output, "/api/v1/hypervisors/hv2", x => x.Status != HypervisorStatus.Online, Timeout, "hv2 not Online");
        (await admin.PatchRawAsync("/api/v1/hypervisors/hv2", """{"vpn_tunneling_mode":"geneve"}""")).EnsureSuccessStatusCode();
        (await admin.PostEmptyAsync("/api/v1/hypervisors/hv2/enable")).EnsureSuccessStatusCode();
        // Both ends in the new mode: the agent's report, and the node's Geneve port pointing at hv2's own address (the
        // switch may be quick enough for BFD never to go down, so no status change is waited for).
        await Poll.UntilAsync(async () =>
            await DiagnoseAsync(admin, "hv2") is { Agent.Mode: "geneve", TunnelStatus: TunnelStatuses.Connected } d
            && d.VpnNode?.GeneveRemote == testbed.Ip("hv2"), Timeout, "hv2 connected in geneve mode at both ends");
        Assert.DoesNotContain(await (await admin.GetAsync("/api/v1/hypervisors/hv2/events?limit=1000")).OkAsync<List<Contracts.Events.HypervisorEventResponse>>(),
            e => e.Kind == "registered" && e.Time > before);
        Assert.Contains("VPN_TUNNELING_MODE=geneve", await File.ReadAllTextAsync(Path.Combine(work, "hv2", "agent.cfg")), StringComparison.Ordinal);
        await PingAsync("hv2", "hv1", mtu);

        // No private key leaves its host (nor the node's): not in any answer of the API, the agents' logs or the database;
        // each is readable by its owner only.
        var keyFiles = Plan.Select(p => (p.Host, Path.Combine(work, p.Host, "data", "wireguard.key")))
            .Append(("hv1", Path.Combine(server.VpnRunDirectory, "private.key")));   // and the VPN node's own
        foreach (var (host, keyFile) in keyFiles)
        {
            var privateKey = (await File.ReadAllTextAsync(keyFile)).Trim();
            Assert.Equal(44, privateKey.Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            foreach (var path in new[] { "/api/v1/hypervisors", $"/api/v1/hypervisors/{host}", $"/api/v1/hypervisors/{host}/diagnose", $"/api/v1/hypervisors/{host}/events?limit=1000" })
            {
                Assert.DoesNotContain(privateKey, await admin.GetStringAsync(path), StringComparison.Ordinal);
            }
            Assert.All(agents, a => Assert.DoesNotContain(privateKey, a.Output, StringComparison.Ordinal));
            // Nor in the control plane's database (SQLite here: the file and its write-ahead log, read as bytes).
            foreach (var file in Directory.GetFiles(server.DataDir, "hyperfleet.db*"))
            {
                byte[] content;
                try
                {
                    content = await File.ReadAllBytesAsync(file);
                }
                catch (FileNotFoundException)
                {
                    continue; // a write-ahead log checkpointed away between the listing and the read: its rows are in the database
                }
                Assert.DoesNotContain(privateKey, System.Text.Encoding.Latin1.GetString(content), StringComparison.Ordinal);
            }
        }
    }

    private async Task DesktopsOnTheOverlayAsync(HttpClient admin, int mtu)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var template = "ovl-base-" + suffix;
        var made = await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{template}}","size_gib":1,"memory_mib":128,"vcpus":1}""");
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        await admin.WaitForAsync<TemplateResponse>(output, $"/api/v1/templates/{template}", t => t.Status == TemplateStatuses.Ready, Timeout, "template Ready");
        var desktops = new[] { ("hv1", $"ovl-a-{suffix}"), ("hv3", $"ovl-b-{suffix}") };
        foreach (var (host, id) in desktops)
        {
            (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{id}}","template":"{{template}}","forced_hypervisor":"{{host}}"}""")).EnsureSuccessStatusCode();
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Stopped, Timeout, $"{id} created");
            (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).EnsureSuccessStatusCode();
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Started, Timeout, $"{id} Started on {host}");
            var domain = DesktopDomainNames.NameOf(id);
            var xml = await testbed.RunAsync("exec", host, "virsh", "dumpxml", domain);
            Assert.Contains("<source bridge='ovsbr0'/>", xml, StringComparison.Ordinal);
            Assert.Contains($"<mtu size='{mtu}'/>", xml, StringComparison.Ordinal);
            var tap = (await testbed.RunAsync("exec", host, "virsh", "domiflist", domain)).Split('\n').Select(l => l.Trim())
                .First(l => l.Contains("ovsbr0", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            Assert.Contains(tap, (await testbed.RunAsync("exec", host, "ovs-vsctl", "list-ports", "ovsbr0")).Split('\n'));
            Assert.Contains($"mtu {mtu} ", await testbed.RunAsync("exec", host, "ip", "link", "show", tap), StringComparison.Ordinal);
            (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/stop")).EnsureSuccessStatusCode();
            await admin.WaitForAsync<DesktopResponse>(output, $"/api/v1/desktops/{id}", d => d.Status == DesktopStatuses.Stopped, Timeout, $"{id} Stopped");
            Assert.DoesNotContain(tap, (await testbed.RunAsync("exec", host, "ovs-vsctl", "list-ports", "ovsbr0")).Split('\n'));
            await admin.DeleteAsync($"/api/v1/desktops/{id}");
        }
        await admin.DeleteAsync($"/api/v1/templates/{template}");
    }

    private Task<HypervisorResponse> TunnelAsync(HttpClient admin, string host, string status, string because) =>
        admin.WaitForAsync<HypervisorResponse>(output, $"/api/v1/hypervisors/{host}", x => x.TunnelStatus == status, Timeout, because);

    private static async Task<HypervisorDiagnosisResponse> DiagnoseAsync(HttpClient admin, string host) =>
        await (await admin.GetAsync($"/api/v1/hypervisors/{host}/diagnose")).OkAsync<HypervisorDiagnosisResponse>();

    private static string Peer(string host) => $"192.168.77.{10 + int.Parse(host[2..], CultureInfo.InvariantCulture)}";

    /// <summary>ICMP payload of an IP packet of <paramref name="mtu"/> bytes.</summary>
    private static string Payload(int mtu) => (mtu - 28).ToString(CultureInfo.InvariantCulture);

    private async Task OverlayPortAsync(string host, int mtu)
    {
        // The host's own Open vSwitch, where libvirt finds it too (its /run/openvswitch).
        await testbed.RunAsync("exec", host, "ovs-vsctl", "--", "--may-exist", "add-port", "ovsbr0", "t0", "--", "set", "interface", "t0", "type=internal");
        await Poll.UntilAsync(async () => (await NetnsAsync(host, "ip", "link", "show", "t0")).Succeeded, Timeout, $"{host}'s port t0 exists");
        (await NetnsAsync(host, "ip", "addr", "replace", Peer(host) + "/24", "dev", "t0")).EnsureSuccess();
        (await NetnsAsync(host, "ip", "link", "set", "t0", "mtu", mtu.ToString(CultureInfo.InvariantCulture), "up")).EnsureSuccess();
    }

    /// <summary>Pings with DF at the overlay MTU until it passes (BFD and learning need a moment), then once more for the record.</summary>
    private async Task PingAsync(string from, string to, int mtu)
    {
        CommandResult? last = null;
        await Poll.UntilAsync(async () =>
        {
            last = await NetnsAsync(from, "ping", "-c", "1", "-W", "1", "-M", "do", "-s", Payload(mtu), Peer(to));
            return last.Succeeded;
        }, Timeout, $"{from} reaches {to} over the overlay with {mtu}-byte packets");
        output.WriteLine($"{from} → {to}: {last!.StandardOutput.Split('\n').FirstOrDefault(l => l.Contains("time=", StringComparison.Ordinal))}");
    }

    private sealed record Capture(int WireGuard, int Geneve)
    {
        public override string ToString() => $"udp/4443 {WireGuard}, udp/6081 {Geneve}";
    }

    /// <summary>Counts, on the host's underlay link, the UDP packets to 4443 (WireGuard) and 6081 (Geneve) while it pings <paramref name="to"/>.</summary>
    private static async Task<Capture> CaptureAsync(string host, string to)
    {
        var dump = CommandRunner.RunAsync("ip", ["netns", "exec", host, "timeout", "3", "tcpdump", "-l", "-n", "-i", "eth0", "udp"], TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await NetnsAsync(host, "ping", "-c", "4", "-i", "0.2", "-W", "1", Peer(to));
        var lines = (await dump).StandardOutput.Split('\n');
        return new Capture(lines.Count(l => l.Contains(".4443:", StringComparison.Ordinal)), lines.Count(l => l.Contains(".6081:", StringComparison.Ordinal)));
    }

    private static async Task KillAsync(string netns, string comm)
    {
        var pids = (await CommandRunner.RunAsync("ip", ["netns", "pids", netns], CommandRunner.DefaultTimeout)).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => File.Exists($"/proc/{p}/comm") && File.ReadAllText($"/proc/{p}/comm").Trim() == comm).ToList();
        Assert.NotEmpty(pids);
        foreach (var pid in pids)
        {
            (await CommandRunner.RunAsync("kill", ["-9", pid], CommandRunner.DefaultTimeout)).EnsureSuccess();
        }
    }

    private static Task<CommandResult> NetnsAsync(string netns, params string[] command) =>
        CommandRunner.RunAsync("ip", ["netns", "exec", netns, .. command], CommandRunner.DefaultTimeout);
}
