using Hyperfleet.Core.Overlay;
using static Hyperfleet.Core.Tests.Overlay.OvsInstanceFixture;

namespace Hyperfleet.Core.Tests.Overlay;

/// <summary>
/// <see cref="OvsInstance"/> against a real Open vSwitch of its own (one for the class: see <see cref="OvsInstanceFixture"/>);
/// each test uses its own bridge, and the tests that stop ovs-vswitchd leave it running again.
/// </summary>
public sealed class OvsInstanceTests(OvsInstanceFixture fixture) : IClassFixture<OvsInstanceFixture>
{
    // Userspace OVS refuses a second tunnel port with the same remote and key, even on another bridge: each test has its own remote.
    private const int Vni = 4242;

    private static readonly Dictionary<string, string> Mark = new() { [GenevePortNames.HypervisorKey] = "hv-test-1" };

    // Every command has its own deadline (HostCommand: 10 s; ovs-vsctl: --timeout=5).
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public void EnsureRunningAsync_FreshDirectory_StartsBothDaemonsThere()
    {
        Assert.Equal(["ovsdb-server", "ovs-vswitchd"], fixture.StartedAtFirst);
        Assert.NotNull(fixture.Ovs.PidOf("ovsdb-server"));
        Assert.NotNull(fixture.Ovs.PidOf("ovs-vswitchd"));
        Assert.True(File.Exists(Path.Combine(fixture.RunDirectory, "conf.db")));
        Assert.Equal(fixture.Ovs.DbSocket, Path.Combine(fixture.RunDirectory, "db.sock"));
    }

    [Fact]
    public async Task EnsureRunningAsync_BothRunning_StartsNoneAndKeepsPids()
    {
        var before = (fixture.Ovs.PidOf("ovsdb-server"), fixture.Ovs.PidOf("ovs-vswitchd"));

        var started = await fixture.Ovs.EnsureRunningAsync(Ct);

        Assert.Empty(started);
        Assert.Equal(before, (fixture.Ovs.PidOf("ovsdb-server"), fixture.Ovs.PidOf("ovs-vswitchd")));
    }

    [Fact]
    public void PidOf_UnknownDaemon_Null()
    {
        Assert.Null(fixture.Ovs.PidOf("ovn-northd"));
    }

    [Fact]
    public async Task EnsureBridgeAsync_Twice_OneUserspaceBridge()
    {
        var bridge = fixture.NewBridgeName();

        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct);
        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct, "other_config:hwaddr=\"02:00:00:00:00:42\"");

        var bridges = (await fixture.Ovs.VsctlAsync(Ct, "list-br")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(bridges, b => b == bridge);
        Assert.Equal("netdev", (await fixture.Ovs.VsctlAsync(Ct, "get", "bridge", bridge, "datapath_type")).Trim());
        Assert.Equal("\"02:00:00:00:00:42\"", (await fixture.Ovs.VsctlAsync(Ct, "get", "bridge", bridge, "other_config:hwaddr")).Trim());
        var own = Assert.Single(await fixture.Ovs.InterfacesAsync(Ct), i => i.Name == bridge);
        Assert.Equal("internal", own.Type);
        Assert.Null(own.Error);
    }

    [Fact]
    public async Task SetGenevePortAsync_NewPort_ReadBackWithOptionsMarkAndBfd()
    {
        var bridge = fixture.NewBridgeName();
        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct);

        await fixture.Ovs.SetGenevePortAsync(bridge, "gnvnew0", "192.0.2.11", Vni, 200, Mark, Ct);

        Assert.Equal(["gnvnew0"], await fixture.Ovs.PortsAsync(bridge, Ct));
        var port = await UntilAsync(async () => (await fixture.Ovs.InterfacesAsync(Ct)).SingleOrDefault(i => i.Name == "gnvnew0"),
            p => p?.BfdState is not null, "bfd_status.state on gnvnew0");
        Assert.NotNull(port);
        Assert.Equal("geneve", port.Type);
        Assert.Equal("192.0.2.11", port.Options["remote_ip"]);
        Assert.Equal("4242", port.Options["key"]);
        Assert.Equal("hv-test-1", port.ExternalIds[GenevePortNames.HypervisorKey]);
        Assert.Null(port.Error);
        // Nothing answers at 192.0.2.11: BFD runs but cannot come up.
        Assert.NotEqual("up", port.BfdState);
        Assert.False(port.BfdUp);
        var bfd = await fixture.Ovs.VsctlAsync(Ct, "get", "interface", "gnvnew0", "bfd");
        Assert.Contains("enable=\"true\"", bfd, StringComparison.Ordinal);
        Assert.Contains("min_rx=\"200\"", bfd, StringComparison.Ordinal);
        Assert.Contains("min_tx=\"200\"", bfd, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetGenevePortAsync_AgainWithNewRemote_RepointsTheSamePort()
    {
        var bridge = fixture.NewBridgeName();
        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct);
        await fixture.Ovs.SetGenevePortAsync(bridge, "gnvmove0", "192.0.2.21", Vni, 300, Mark, Ct);
        var row = (await fixture.Ovs.VsctlAsync(Ct, "get", "interface", "gnvmove0", "_uuid")).Trim();

        await fixture.Ovs.SetGenevePortAsync(bridge, "gnvmove0", "198.51.100.22", 77, 300, Mark, Ct);

        Assert.Equal(["gnvmove0"], await fixture.Ovs.PortsAsync(bridge, Ct));
        Assert.Equal(row, (await fixture.Ovs.VsctlAsync(Ct, "get", "interface", "gnvmove0", "_uuid")).Trim());
        var port = Assert.Single(await fixture.Ovs.InterfacesAsync(Ct), i => i.Name == "gnvmove0");
        Assert.Equal("198.51.100.22", port.Options["remote_ip"]);
        Assert.Equal("77", port.Options["key"]);
        Assert.Equal("hv-test-1", port.ExternalIds[GenevePortNames.HypervisorKey]);
        Assert.Null(port.Error);
    }

    [Fact]
    public async Task SetGenevePortAsync_PortAsReconcilerSeesIt_PlanHasNothingMoreToDo()
    {
        var bridge = fixture.NewBridgeName();
        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct);
        var member = new HubMember("hv-plan-1", false, "cGxhbnBsYW5wbGFucGxhbnBsYW5wbGFucGxhbnBsYW4=", "100.72.0.9", "192.0.2.9");

        await fixture.Ovs.SetGenevePortAsync(bridge, member.PortName, member.GeneveRemote, Vni, 200,
            new Dictionary<string, string> { [GenevePortNames.HypervisorKey] = member.Hypervisor }, Ct);

        var ports = (await fixture.Ovs.InterfacesAsync(Ct)).Where(i => i.Name == member.PortName || i.Name == bridge).ToList();
        Assert.Empty(HubPlan.Changes([member], [], ports, Vni));
    }

    [Fact]
    public async Task RemovePortAsync_Twice_GoneAndSecondSucceeds()
    {
        var bridge = fixture.NewBridgeName();
        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct);
        await fixture.Ovs.SetGenevePortAsync(bridge, "gnvgone0", "192.0.2.31", Vni, 200, Mark, Ct);

        await fixture.Ovs.RemovePortAsync(bridge, "gnvgone0", Ct);
        await fixture.Ovs.RemovePortAsync(bridge, "gnvgone0", Ct);

        Assert.Empty(await fixture.Ovs.PortsAsync(bridge, Ct));
        Assert.DoesNotContain(await fixture.Ovs.InterfacesAsync(Ct), i => i.Name == "gnvgone0");
    }

    [Fact]
    public async Task VsctlAsync_BadCommand_ThrowsOverlayExceptionWithOvsMessage()
    {
        var error = await Assert.ThrowsAsync<OverlayException>(() => fixture.Ovs.VsctlAsync(Ct, "get", "bridge", "hfnosuchbr", "name"));

        Assert.Contains("ovs-vsctl", error.Message, StringComparison.Ordinal);
        Assert.Contains("hfnosuchbr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureRunningAsync_VswitchdStopped_RestartsOnlyItAndKeepsBridgeAndPort()
    {
        var (bridge, dbPid) = await BridgeWithPortAsync("gnvkeep0", "192.0.2.40");
        var switchPid = fixture.Ovs.PidOf("ovs-vswitchd")!.Value;

        await new HostCommand().RunAsync("kill", ["-TERM", switchPid.ToString(System.Globalization.CultureInfo.InvariantCulture)], Ct);
        await UntilAsync(() => Task.FromResult(fixture.Ovs.PidOf("ovs-vswitchd")), p => p is null, "ovs-vswitchd gone after SIGTERM");

        await AssertRestartKeepsStateAsync(bridge, "gnvkeep0", "192.0.2.40", dbPid, switchPid);
    }

    [Fact]
    public async Task EnsureRunningAsync_VswitchdKilled9_RestartsOnlyItAndKeepsBridgeAndPort()
    {
        var (bridge, dbPid) = await BridgeWithPortAsync("gnvkeep9", "192.0.2.49");
        var switchPid = fixture.Ovs.PidOf("ovs-vswitchd")!.Value;

        using (var process = System.Diagnostics.Process.GetProcessById(switchPid))
        {
            process.Kill();
        }
        // A crash leaves the pid file behind: PidOf must see that nothing (or a zombie) runs under that pid.
        await UntilAsync(() => Task.FromResult(fixture.Ovs.PidOf("ovs-vswitchd")), p => p is null,
            $"PidOf(\"ovs-vswitchd\") null after kill -9 of {switchPid}", () => $"process state: {ProcessState(switchPid)}");

        await AssertRestartKeepsStateAsync(bridge, "gnvkeep9", "192.0.2.49", dbPid, switchPid);
    }

    private async Task<(string Bridge, int DbPid)> BridgeWithPortAsync(string port, string remote)
    {
        Assert.Empty(await fixture.Ovs.EnsureRunningAsync(Ct));
        var bridge = fixture.NewBridgeName();
        await fixture.Ovs.EnsureBridgeAsync(bridge, Ct);
        await fixture.Ovs.SetGenevePortAsync(bridge, port, remote, Vni, 200, Mark, Ct);
        await UntilAsync(async () => (await fixture.Ovs.InterfacesAsync(Ct)).SingleOrDefault(i => i.Name == port),
            p => p?.BfdState is not null, $"bfd_status.state on {port} before the restart", () => fixture.LogTail("ovs-vswitchd"));
        return (bridge, fixture.Ovs.PidOf("ovsdb-server")!.Value);
    }

    private async Task AssertRestartKeepsStateAsync(string bridge, string portName, string remote, int dbPid, int oldSwitchPid)
    {
        var started = await fixture.Ovs.EnsureRunningAsync(Ct);
        fixture.RememberPids();

        Assert.Equal(["ovs-vswitchd"], started);
        Assert.Equal(dbPid, fixture.Ovs.PidOf("ovsdb-server"));
        Assert.NotEqual(oldSwitchPid, fixture.Ovs.PidOf("ovs-vswitchd"));
        Assert.Equal([portName], await fixture.Ovs.PortsAsync(bridge, Ct));
        // The new ovs-vswitchd has set the bridge and port up again from the database: BFD runs on the port.
        var port = await UntilAsync(async () => (await fixture.Ovs.InterfacesAsync(Ct)).SingleOrDefault(i => i.Name == portName),
            p => p?.BfdState is not null, $"bfd_status.state on {portName} after the restart", () => fixture.LogTail("ovs-vswitchd"));
        Assert.NotNull(port);
        Assert.Equal(remote, port.Options["remote_ip"]);
        Assert.Equal("hv-test-1", port.ExternalIds[GenevePortNames.HypervisorKey]);
        Assert.Null(port.Error);
        Assert.Null(Assert.Single(await fixture.Ovs.InterfacesAsync(Ct), i => i.Name == bridge).Error);
        Assert.Empty(await fixture.Ovs.EnsureRunningAsync(Ct));
    }
}
