using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Configuration;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Agent.Overlay;

/// <summary>
/// The hypervisor's side of the overlay: its WireGuard key pair (made here; only the public key leaves the host), its
/// wireguard-go interface to the VPN node (<c>wireguard+geneve</c>) or its underlay on <c>br-phy</c> (<c>geneve</c>), the
/// overlay bridge <c>ovsbr0</c> the desktops' NICs join, and one Geneve port to the node with BFD. <see cref="EnsureAsync"/>
/// is idempotent and cheap when all is in place, so the agent calls it every second: a killed wireguard-go or
/// ovs-vswitchd is put back by the next call.
/// </summary>
public sealed class AgentOverlay(AgentSettings settings, TimeProvider time)
{
    public const string InterfaceName = "hfwg0";
    public const string GenevePort = "gnv-hub";
    private const int Keepalive = 25;
    private static readonly TimeSpan LayoutEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(180);

    private readonly HostCommand host = new();
    private readonly OvsInstance ovs = new(new HostCommand(), settings.OvsRunDirectory);
    private WireGuardLink? wireGuard;
    private string? privateKey;
    private DateTimeOffset layoutAt = DateTimeOffset.MinValue;
    private string? appliedMode;

    /// <summary>The configuration applied last; null before the first.</summary>
    public AgentVpnConfig? Config { get; private set; }

    /// <summary>How many times a daemon or a lost address was put back.</summary>
    public int Repairs { get; private set; }

    /// <summary>The host's WireGuard public key, from the key pair kept in <c>HYPERFLEET_AGENT_DATA/wireguard.key</c> (0600).</summary>
    public async Task<string> PublicKeyAsync(CancellationToken ct)
    {
        var path = Path.Combine(settings.DataDir, "wireguard.key");
        if (privateKey is null)
        {
            if (File.Exists(path))
            {
                privateKey = (await File.ReadAllTextAsync(path, ct)).Trim();
            }
            else
            {
                Directory.CreateDirectory(settings.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                privateKey = WireGuardKeys.Generate().PrivateKey;
                await PrivateFile.WriteAllTextAsync(path, privateKey + "\n", ct);
            }
        }
        return WireGuardKeys.PublicKeyOf(privateKey);
    }

    /// <summary>Applies <paramref name="config"/> (or repairs what it applied); returns what it repaired, in words, or null.</summary>
    /// <param name="config">The host's side, as the control plane gave it.</param>
    /// <param name="underlayAddress">This host's own address (the one it registered): Geneve's source in <c>geneve</c> mode.</param>
    /// <param name="ct">Cancels.</param>
    /// <remarks>Not for concurrent calls: the agent's overlay loop is its one caller.</remarks>
    public async Task<string?> EnsureAsync(AgentVpnConfig config, string underlayAddress, CancellationToken ct)
    {
        await PublicKeyAsync(ct);
        var repaired = new List<string>();
        var now = time.GetUtcNow();
        var started = await ovs.EnsureRunningAsync(ct);
        if (Config is not null)
        {
            repaired.AddRange(started);
        }
        var changed = Config != config;
        var layout = started.Count > 0 || changed || now - layoutAt >= LayoutEvery;
        if (layout)
        {
            await ovs.EnsureBridgeAsync(OverlayBridges.Overlay, ct);
            if (config.Mode == WireNames.Of(VpnTunnelingMode.Geneve))
            {
                if (await new UnderlayBridge(host, ovs).EnsureAsync(underlayAddress, ct) is { } moved && Config is not null)
                {
                    repaired.Add(moved);
                }
            }
            layoutAt = now;
        }
        var network = Network(config);
        var own = config.Address.Split('/')[0];
        string remote;
        if (config.Mode == WireNames.Of(VpnTunnelingMode.WireguardGeneve))
        {
            wireGuard ??= new WireGuardLink(host, ovs, InterfaceName, WireGuardLink.NamespaceFor(settings.HypervisorId));
            var restarted = await wireGuard.EnsureAsync(privateKey!, null, own, network, config.TunnelMtu, layout, ct);
            if (restarted || changed)
            {
                await wireGuard.Uapi.UpsertPeerAsync(new WireGuardPeerSpec(config.NodePublicKey, config.NodeEndpoint, [network.ToString()], Keepalive), ct);
            }
            if (restarted && Config is not null)
            {
                repaired.Add("wireguard-go " + InterfaceName);
            }
            remote = config.NodeOverlayAddress;
        }
        else
        {
            if (wireGuard is not null && appliedMode != config.Mode)
            {
                // Out of WireGuard mode: no peer, so nothing goes to the node through it any more.
                await wireGuard.Uapi.RemovePeerAsync(config.NodePublicKey, ct);
            }
            remote = config.NodeUnderlayAddress;
        }
        var port = (await ovs.InterfacesAsync(ct)).FirstOrDefault(i => i.Name == GenevePort);
        if (port is null || port.Options.GetValueOrDefault("remote_ip") != remote
            || port.Options.GetValueOrDefault("key") != config.Vni.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            await ovs.SetGenevePortAsync(OverlayBridges.Overlay, GenevePort, remote, config.Vni, TunnelHealth.BfdIntervalMs, new Dictionary<string, string>(), ct);
            if (port is null && Config is not null && !changed)
            {
                repaired.Add("Geneve port " + GenevePort);
            }
        }
        Config = config;
        appliedMode = config.Mode;
        Repairs += repaired.Count;
        return repaired.Count == 0 ? null : string.Join(", ", repaired);
    }

    /// <summary>The tunnel as this end sees it, for the heartbeat.</summary>
    public async Task<AgentTunnelReport?> ReportAsync(CancellationToken ct)
    {
        if (Config is not { } config)
        {
            return null;
        }
        var wg = config.Mode == WireNames.Of(VpnTunnelingMode.WireguardGeneve);
        WireGuardPeerState? peer = null;
        OvsInterface? port = null;
        try
        {
            if (wg && wireGuard is not null)
            {
                peer = (await wireGuard.Uapi.GetAsync(ct)).Peers.FirstOrDefault(p => p.PublicKey == config.NodePublicKey);
            }
            port = (await ovs.InterfacesAsync(ct)).FirstOrDefault(i => i.Name == GenevePort);
        }
        catch (Exception e) when (e is WireGuardUapiException or OverlayException)
        {
            return new AgentTunnelReport(config.Mode, TunnelStatuses.Disconnected, "local_daemon_down", null, 0, 0, null, e.Message, null, Repairs);
        }
        var now = time.GetUtcNow();
        var verdict = TunnelHealth.Evaluate(wg, peer, port, now, HandshakeTimeout);
        return new AgentTunnelReport(config.Mode, verdict.Connected ? TunnelStatuses.Connected : TunnelStatuses.Disconnected, verdict.Reason,
            peer?.LastHandshake is { } hs ? Math.Round((now - hs).TotalSeconds, 1) : null, peer?.RxBytes ?? 0, peer?.TxBytes ?? 0,
            port?.BfdState, port?.BfdDiagnostic, wg ? peer?.Endpoint ?? config.NodeEndpoint : config.NodeUnderlayAddress, Repairs);
    }

    private static OverlayNetwork Network(AgentVpnConfig config) => OverlayNetwork.OfAddress(config.Address);
}
