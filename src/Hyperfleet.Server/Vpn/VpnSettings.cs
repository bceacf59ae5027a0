using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Server.Vpn;

/// <summary><c>Hyperfleet:Vpn:*</c>: the overlay network and the VPN node (role <c>vpn</c>) that is its hub.</summary>
public sealed class VpnSettings
{
    public const string Section = "Hyperfleet:Vpn";

    /// <summary>
    /// <c>WG_HYPERS_NET</c>: the overlay's IPv4 network. The default sits outside RFC 1918 (shared address space) so it
    /// does not collide with the corporate 10/8 and 192.168/16 networks hypervisors live in.
    /// </summary>
    public string Network { get; set; } = "100.72.0.0/16";

    /// <summary>
    /// <c>VPN_HOST</c>: the VPN node's address on the underlay, as hypervisors reach it (WireGuard endpoint, and Geneve
    /// remote in <c>geneve</c> mode). An IP address: Geneve needs one. Required for the <c>vpn</c> role.
    /// </summary>
    public string? Host { get; set; }

    /// <summary>The Geneve VNI of the desktops' overlay.</summary>
    public int Vni { get; set; } = 4242;

    /// <summary>
    /// <c>VPN_NAMESPACE</c>: a network namespace (<c>ip netns</c>) the node's WireGuard and Open vSwitch run in, when the
    /// node's underlay is not this process's own (the testbed). Empty: this process's namespace.
    /// </summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// <c>VPN_UNDERLAY_INTERFACE</c>: the interface that holds <see cref="Host"/>. Where Open vSwitch has no kernel
    /// datapath, <c>geneve</c> mode moves its address onto the bridge <c>br-phy</c> (Open vSwitch's userspace tunnelling
    /// sends only through its own ports). Empty: found from <see cref="Host"/>.
    /// </summary>
    public string? UnderlayInterface { get; set; }

    /// <summary>Where the node keeps its key and its daemons' sockets and logs. Default: <c>&lt;data dir&gt;/vpn</c>.</summary>
    public string? RunDirectory { get; set; }

    /// <summary>
    /// How often the node compares the database with what is configured, and measures the tunnels. With BFD's 3 × 200 ms,
    /// 250 ms keeps a dead tunnel's detection under a second.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A WireGuard handshake older than this is a dead tunnel. WireGuard rekeys every 120 s and rejects keys at 180 s, so
    /// anything shorter than 180 s turns healthy idle tunnels into false alarms.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>BFD's transmit and receive interval on the Geneve ports: the fast signal (3 missed = down).</summary>
    public int BfdIntervalMs { get; set; } = TunnelHealth.BfdIntervalMs;
}
