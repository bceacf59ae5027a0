using System.Collections.Concurrent;
using System.Net;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Configuration;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hosting;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Vpn;

/// <summary>
/// The VPN node (role <c>vpn</c>): the overlay's hub. It runs WireGuard interface <c>hypers</c> on <c>WG_HYPERS_PORT</c>
/// and an Open vSwitch bridge with one Geneve port per hypervisor (star topology), and one reconcile loop keeps them equal
/// to the database: one peer or port changed per difference, never the whole set, repaired after a daemon restart. The
/// same loop measures every tunnel (WireGuard handshake age, BFD) and writes <c>tunnel_status</c> with its reason.
/// </summary>
public sealed partial class VpnNodeService(IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider time,
    IOptions<VpnSettings> settings, IOptions<HyperfleetOptions> options, ILogger<VpnNodeService> logger) : BackgroundService, IVpnNodeView
{
    public const string NodeId = "hypers";
    private const string Actor = "vpn-node";
    private static readonly TimeSpan LayoutEvery = TimeSpan.FromSeconds(5);
    private static readonly string[] Tools = ["wireguard-go", "ovs-vswitchd", "ovsdb-server", "ovs-vsctl", "ovsdb-tool", "ip", "ethtool"];

    private readonly VpnSettings vpn = settings.Value;
    private readonly OverlayNetwork network = OverlayNetwork.Parse(settings.Value.Network);
    private readonly ConcurrentDictionary<string, TunnelEndView> views = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IPAddress> underlayOf = new(StringComparer.Ordinal);

    /// <summary>
    /// Where each peer was last seen: a restarted wireguard-go gets it back with its peer, so the node itself starts the
    /// handshake (within a second) instead of waiting for the host to rekey (up to 15 s).
    /// </summary>
    private readonly ConcurrentDictionary<string, string> endpoints = new(StringComparer.Ordinal);
    private IReadOnlyList<string> ports = [];
    private string? privateKey;
    private OvsInstance? ovs;
    private WireGuardLink? wireGuard;
    private UnderlayBridge? underlay;
    private DateTimeOffset layoutAt = DateTimeOffset.MinValue;
    private bool nodeDown;

    public string State { get; private set; } = "starting";

    public TunnelEndView? View(string hypervisor) => ovs is null ? null : views.GetValueOrDefault(hypervisor);

    public IReadOnlyList<string> Ports => ports;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Off() is { } why)
        {
            State = "off: " + why;
            LogNodeOff(logger, why);
            // A node that ran before and is off now must not keep agents waiting for it (428) forever.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>().VpnNodes.Where(n => n.Id == NodeId).ExecuteDeleteAsync(stoppingToken);
            return;
        }
        var runDirectory = Path.GetFullPath(vpn.RunDirectory ?? Path.Combine(options.Value.DataDir, "vpn"));
        Directory.CreateDirectory(runDirectory);
        var host = new HostCommand(vpn.Namespace is { Length: > 0 } ns ? ns : null);
        ovs = new OvsInstance(host, Path.Combine(runDirectory, "ovs"));
        underlay = new UnderlayBridge(host, ovs);
        wireGuard = new WireGuardLink(host, ovs, NodeId, WireGuardLink.NamespaceFor(vpn.Namespace is { Length: > 0 } n ? n : NodeId));
        privateKey = await KeyAsync(Path.Combine(runDirectory, "private.key"), stoppingToken);
        await PublishNodeAsync(stoppingToken);
        State = "running";
        var overlayNetwork = network.ToString();
        LogNodeStarted(logger, vpn.Host!, options.Value.WgHypersPort, overlayNetwork);

        using var timer = new PeriodicTimer(vpn.ReconcileInterval, time);
        var failures = 0;
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                State = "failing: " + e.Message;
                LogReconcileFailed(logger, e);
                layoutAt = DateTimeOffset.MinValue;
                await MarkNodeDownAsync("vpn_node_down", "the VPN node is being repaired: " + e.Message, stoppingToken);
                // Back off while the node cannot be repaired (a missing tool, a broken OVS database), capped at 10 s.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * (1 << Math.Min(failures, 6)))), time, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private string? Off()
    {
        if (string.IsNullOrEmpty(vpn.Host))
        {
            return "VPN_HOST (Hyperfleet:Vpn:Host) is not set: hypervisors run without the overlay";
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]);
        var missing = Tools.Where(t => !path.Any(d => File.Exists(Path.Combine(d, t)))).ToList();
        return missing.Count == 0 ? null : $"missing {string.Join(", ", missing)} (Debian: wireguard-go openvswitch-switch iproute2 ethtool)";
    }

    private static async Task<string> KeyAsync(string path, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            return (await File.ReadAllTextAsync(path, ct)).Trim();
        }
        var pair = WireGuardKeys.Generate();
        await PrivateFile.WriteAllTextAsync(path, pair.PrivateKey + "\n", ct);
        return pair.PrivateKey;
    }

    private async Task PublishNodeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var node = await db.VpnNodes.SingleOrDefaultAsync(n => n.Id == NodeId, ct);
        if (node is null)
        {
            node = new VpnNode { Id = NodeId, PublicKey = "", Endpoint = "", UnderlayAddress = "", OverlayAddress = "", Network = "" };
            db.VpnNodes.Add(node);
        }
        node.PublicKey = WireGuardKeys.PublicKeyOf(privateKey!);
        node.Endpoint = $"{vpn.Host}:{options.Value.WgHypersPort}";
        node.UnderlayAddress = vpn.Host!;
        node.OverlayAddress = network.NodeAddress.ToString();
        node.Network = network.ToString();
        node.Vni = vpn.Vni;
        node.UpdatedAt = time.GetUtcNowForStorage();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One tick: daemons and layout, then peers and ports, then the tunnels' status.</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var restarted = await ovs!.EnsureRunningAsync(ct);
        foreach (var daemon in restarted)
        {
            LogDaemonStarted(logger, daemon);
        }
        var layout = restarted.Count > 0 || now - layoutAt >= LayoutEvery;
        if (layout)
        {
            await ovs.EnsureBridgeAsync(OverlayBridges.Overlay, ct);
            if (await underlay!.EnsureAsync(vpn.Host!, ct) is { } moved)
            {
                LogUnderlay(logger, moved);
            }
            layoutAt = now;
        }
        if (await wireGuard!.EnsureAsync(privateKey!, options.Value.WgHypersPort, network.NodeAddress.ToString(), network,
                NodeTunnelMtu, layout, ct))
        {
            LogDaemonStarted(logger, "wireguard-go " + NodeId);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var rows = await db.Hypervisors.ToListAsync(ct);
        var members = new List<(Hypervisor Row, HubMember Member)>();
        foreach (var h in rows.Where(VpnPlan.OnOverlay))
        {
            var wg = h.VpnTunnelingMode == VpnTunnelingMode.WireguardGeneve;
            var remote = wg ? h.VpnAddress! : (await UnderlayAsync(h, ct))?.ToString();
            if (remote is not null)
            {
                members.Add((h, new HubMember(h.Id, wg, h.WgPublicKey!, h.VpnAddress!, remote)));
            }
        }

        var device = await wireGuard.Uapi.GetAsync(ct);
        foreach (var peer in device.Peers.Where(p => p.Endpoint is not null))
        {
            endpoints[peer.PublicKey] = peer.Endpoint!;
        }
        var interfaces = await ovs.InterfacesAsync(ct);
        var actions = HubPlan.Changes(members.Select(m => m.Member).ToList(), device.Peers, interfaces, vpn.Vni);
        foreach (var action in actions)
        {
            await ApplyAsync(action, ct);
        }
        if (actions.Count > 0)
        {
            device = await wireGuard.Uapi.GetAsync(ct);
            interfaces = await ovs.InterfacesAsync(ct);
        }
        ports = interfaces.Where(i => i.Type is "geneve" or "internal").Select(i =>
            $"{i.Name} ({i.Type}{(i.Options.GetValueOrDefault("remote_ip") is { } r ? ", remote " + r : "")}{(i.BfdState is { } b ? ", bfd " + b : "")})").ToList();

        var changed = new List<(Hypervisor Row, HypervisorEvent? Event)>();
        var now2 = time.GetUtcNow();
        foreach (var (h, m) in members)
        {
            var peer = device.Peers.FirstOrDefault(p => p.PublicKey == m.PublicKey);
            var port = interfaces.FirstOrDefault(i => i.Name == m.PortName);
            views[h.Id] = new TunnelEndView(m.WireGuard && peer is not null, peer?.Endpoint,
                peer?.LastHandshake is { } hs ? Math.Round((now2 - hs).TotalSeconds, 1) : null, peer?.RxBytes ?? 0, peer?.TxBytes ?? 0,
                port?.Name, port?.Options.GetValueOrDefault("remote_ip"), port?.BfdState, port?.BfdDiagnostic);
            var fingerprint = VpnPlan.Fingerprint(h);
            var applied = port is not null && (!m.WireGuard || peer is not null);
            if (applied && h.VpnApplied != fingerprint)
            {
                h.VpnApplied = fingerprint;
                changed.Add((h, null));
            }
            var verdict = TunnelHealth.Evaluate(m.WireGuard, peer, port, now2, vpn.HandshakeTimeout);
            if (SetTunnel(db, h, verdict.Connected, verdict.Reason, verdict.Detail) is (true, var evt))
            {
                changed.Add((h, evt));
            }
        }
        foreach (var h in rows.Where(h => !members.Any(m => m.Row == h)))
        {
            views.TryRemove(h.Id, out _);
            var reason = h.Status == HypervisorStatus.Deleting ? "deleting" : h.WgPublicKey is null ? "no_agent" : "no_underlay_address";
            if (h.TunnelStatus == TunnelStatuses.Connected && SetTunnel(db, h, false, reason, "not on the overlay") is (true, var evt))
            {
                changed.Add((h, evt));
            }
        }
        if (changed.Count > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return; // An admin or the engine wrote a row meanwhile: measured again next tick.
            }
            foreach (var (h, evt) in changed)
            {
                feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt?.ToResponse(), h.ToResponse()));
            }
        }
        if (nodeDown || State != "running")
        {
            nodeDown = false;
            State = "running";
        }
    }

    /// <summary>The node's WireGuard MTU on a plain Ethernet underlay; hosts' Geneve packets are sized to their own (smaller or equal).</summary>
    private const int NodeTunnelMtu = Core.Hypervisors.MtuMath.DefaultInfrastructureMtu - Core.Hypervisors.MtuMath.WireGuardOverhead;

    private async Task ApplyAsync(HubAction action, CancellationToken ct)
    {
        switch (action)
        {
            case HubAction.UpsertPeer(var m):
                await wireGuard!.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(m.PublicKey, endpoints.GetValueOrDefault(m.PublicKey), [m.OverlayAddress + "/32"]), ct);
                LogPeerSet(logger, m.Hypervisor, m.OverlayAddress);
                break;
            case HubAction.RemovePeer(var key):
                await wireGuard!.Uapi.RemovePeerAsync(key, ct);
                LogPeerRemoved(logger, key);
                break;
            case HubAction.SetPort(var m):
                await ovs!.SetGenevePortAsync(OverlayBridges.Overlay, m.PortName, m.GeneveRemote, vpn.Vni, vpn.BfdIntervalMs,
                    new Dictionary<string, string> { [GenevePortNames.HypervisorKey] = m.Hypervisor }, ct);
                LogPortSet(logger, m.PortName, m.Hypervisor, m.GeneveRemote);
                break;
            case HubAction.RemovePort(var name):
                await ovs!.RemovePortAsync(OverlayBridges.Overlay, name, ct);
                LogPortRemoved(logger, name);
                break;
        }
    }

    /// <summary>
    /// Sets the row's tunnel status. A change of status is a history row with the reason; a new reason while it stays
    /// down (no handshake yet → BFD down) is written and shown live, without a row of its own.
    /// </summary>
    private (bool Changed, HypervisorEvent? Event) SetTunnel(HyperfleetDbContext db, Hypervisor h, bool connected, string? reason, string? detail)
    {
        var status = connected ? TunnelStatuses.Connected : TunnelStatuses.Disconnected;
        if (h.TunnelStatus == status)
        {
            if (h.TunnelReason == reason)
            {
                h.TunnelDetail = detail; // e.g. the handshake's age: kept fresh, but not worth a write of its own
                return (false, null);
            }
            h.TunnelReason = reason;
            h.TunnelDetail = detail;
            return (true, null);
        }
        h.TunnelStatus = status;
        h.TunnelReason = reason;
        h.TunnelDetail = detail;
        h.TunnelSince = time.GetUtcNowForStorage();
        h.Version++;
        return (true, HypervisorHistory.Record(db, time, h, Actor, connected ? "tunnel_connected" : "tunnel_disconnected", reason,
            connected ? $"{WireNames.Of(h.VpnTunnelingMode)} tunnel up (BFD up" + (h.VpnTunnelingMode == VpnTunnelingMode.WireguardGeneve ? ", WireGuard handshake fresh)" : ")") : detail));
    }

    /// <summary>
    /// A stopped node measures nothing: its tunnels are shown disconnected (they may still carry traffic, the daemons run
    /// on), not left "connected" by nobody.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (State == "running" || State.StartsWith("failing", StringComparison.Ordinal))
        {
            nodeDown = false;
            await MarkNodeDownAsync("vpn_node_stopped", "the VPN node stopped: nobody measures this tunnel (its traffic may still flow)", cancellationToken);
            State = "stopped";
        }
    }

    private async Task MarkNodeDownAsync(string reason, string detail, CancellationToken ct)
    {
        if (nodeDown)
        {
            return;
        }
        nodeDown = true;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            var rows = await db.Hypervisors.Where(h => h.TunnelStatus == TunnelStatuses.Connected).ToListAsync(ct);
            var events = rows.Select(h => (h, SetTunnel(db, h, false, reason, detail).Event)).ToList();
            await db.SaveChangesAsync(ct);
            foreach (var (h, evt) in events)
            {
                feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt?.ToResponse(), h.ToResponse()));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            nodeDown = false; // try again next failure
            LogReconcileFailed(logger, e);
        }
    }

    private async Task<IPAddress?> UnderlayAsync(Hypervisor h, CancellationToken ct)
    {
        if (IPAddress.TryParse(h.Hostname, out var ip))
        {
            return ip;
        }
        if (underlayOf.TryGetValue(h.Hostname, out var known))
        {
            return known;
        }
        try
        {
            var resolved = (await Dns.GetHostAddressesAsync(h.Hostname, System.Net.Sockets.AddressFamily.InterNetwork, ct)).FirstOrDefault();
            if (resolved is not null)
            {
                underlayOf[h.Hostname] = resolved;
            }
            return resolved;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
