using System.Globalization;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// A WireGuard interface run by wireguard-go, laid out so that Open vSwitch's userspace datapath can send Geneve through
/// it (measured in NETWORK-FACTS.md: OVS tunnels only through its own ports, and a TUN is layer 3, so it cannot be one):
/// <list type="bullet">
/// <item>wireguard-go starts in the host's namespace, so its UDP socket is on the underlay; its TUN then moves into a
/// namespace of its own (<see cref="Namespace"/>), which routes between the TUN and a veth;</item>
/// <item>the veth's other end is a port of the OVS bridge <c>br-wg</c>, whose internal port holds the host's overlay
/// address; the overlay network's connected route on it is what OVS's tunnel routing uses;</item>
/// <item>the TUN's namespace answers ARP for the whole overlay (proxy ARP) and forwards into the tunnel.</item>
/// </list>
/// Every step is idempotent: <see cref="EnsureAsync"/> repairs whatever a killed daemon or a restarted OVS took away.
/// </summary>
public sealed class WireGuardLink(HostCommand host, OvsInstance ovs, string interfaceName, string @namespace)
{
    /// <summary>
    /// Commands on the TUN's namespace (<c>ip netns add</c>, <c>ip -n</c>, <c>ip netns exec</c>) run from outside the host's
    /// namespace: <c>ip netns exec</c> gives its command a mount namespace of its own, where a namespace added would vanish.
    /// </summary>
    private readonly HostCommand anywhere = new();

    public const string Bridge = "br-wg";
    private const string OuterVeth = "hfwg-o";
    private const string InnerVeth = "hfwg-i";

    /// <summary>The WireGuard interface's name (its UAPI socket is <c>/var/run/wireguard/&lt;name&gt;.sock</c>).</summary>
    public string InterfaceName { get; } = interfaceName;

    /// <summary>The namespace the TUN lives in.</summary>
    public string Namespace { get; } = @namespace;

    public WireGuardUapi Uapi { get; } = new(WireGuardUapi.SocketPathFor(interfaceName));

    /// <summary>
    /// The TUN's namespace for an owner (a hypervisor's id, the VPN node's namespace): namespace names are machine-wide,
    /// so each end on one machine (a testbed) has its own.
    /// </summary>
    public static string NamespaceFor(string owner) => "hfwg-" + owner;

    /// <summary>
    /// Makes the interface and its path to OVS exist and configured: starts wireguard-go when its socket does not answer
    /// (then sets the key and port: the caller adds peers), and (re)applies the addresses and routes OVS lost.
    /// </summary>
    /// <param name="privateKey">The interface's private key (base64); it stays in this process and in wireguard-go.</param>
    /// <param name="listenPort">The UDP port to listen on (the VPN node), or null for any (a hypervisor).</param>
    /// <param name="ownAddress">This end's overlay address.</param>
    /// <param name="network">The overlay network.</param>
    /// <param name="mtu">The TUN's MTU (infrastructure MTU minus WireGuard's overhead).</param>
    /// <param name="layout">Check the whole layout (namespace, veth, addresses, routes) too; else only that wireguard-go
    /// answers (one socket exchange: the every-tick check), the layout being checked every few seconds.</param>
    /// <param name="ct">Cancels.</param>
    /// <returns>Whether wireguard-go was (re)started: its peers are gone and must be added again.</returns>
    public async Task<bool> EnsureAsync(string privateKey, int? listenPort, string ownAddress, OverlayNetwork network, int mtu, bool layout,
        CancellationToken ct)
    {
        if (layout)
        {
            await EnsurePathToOvsAsync(ownAddress, network, ct);
        }
        var restarted = false;
        try
        {
            await Uapi.GetAsync(ct);
        }
        catch (WireGuardUapiException e) when (e.IsUnavailable || e.IsTimeout)
        {
            await StartAsync(network, mtu, ct);
            restarted = true;
        }
        if (restarted)
        {
            if (!layout)
            {
                // Whatever killed it may have taken more: the layout is checked with the restart.
                await EnsurePathToOvsAsync(ownAddress, network, ct);
            }
            await Uapi.ConfigureDeviceAsync(privateKey, listenPort, ct);
        }
        else if (layout)
        {
            // Puts the TUN's MTU and route back if someone downed the link.
            await anywhere.RunAsync("ip", ["-n", Namespace, "link", "set", InterfaceName, "mtu", Invariant(mtu), "up"], ct);
            await anywhere.RunAsync("ip", ["-n", Namespace, "route", "replace", network.ToString(), "dev", InterfaceName], ct);
        }
        return restarted;
    }

    private async Task EnsurePathToOvsAsync(string ownAddress, OverlayNetwork network, CancellationToken ct)
    {
        if ((await anywhere.TryRunAsync("ip", ["-n", Namespace, "link", "show", "lo"], ct)).Code != 0)
        {
            // A name left without its namespace (a crash, a reboot's stale file) is cleared first.
            await anywhere.TryRunAsync("ip", ["netns", "del", Namespace], ct);
            await anywhere.RunAsync("ip", ["netns", "add", Namespace], ct);
        }
        await anywhere.RunAsync("ip", ["-n", Namespace, "link", "set", "lo", "up"], ct);
        if ((await anywhere.TryRunAsync("ip", ["-n", Namespace, "link", "show", InnerVeth], ct)).Code != 0)
        {
            await host.TryRunAsync("ip", ["link", "del", OuterVeth], ct);
            await host.RunAsync("ip", ["link", "add", OuterVeth, "type", "veth", "peer", "name", InnerVeth, "netns", Namespace], ct);
            // The userspace datapath reads these: with TX checksum offload on, it sends wrong checksums.
            await host.RunAsync("ethtool", ["-K", OuterVeth, "tx", "off"], ct);
            await anywhere.RunAsync("ip", ["netns", "exec", Namespace, "ethtool", "-K", InnerVeth, "tx", "off"], ct);
        }
        await anywhere.RunAsync("ip", ["netns", "exec", Namespace, "sysctl", "-qw", "net.ipv4.ip_forward=1", $"net.ipv4.conf.{InnerVeth}.proxy_arp=1"], ct);
        await anywhere.RunAsync("ip", ["-n", Namespace, "link", "set", InnerVeth, "up"], ct);
        await anywhere.RunAsync("ip", ["-n", Namespace, "route", "replace", ownAddress + "/32", "dev", InnerVeth], ct);
        await ovs.EnsureBridgeAsync(Bridge, ct, "--", "--may-exist", "add-port", Bridge, OuterVeth);
        await host.RunAsync("ip", ["link", "set", OuterVeth, "up"], ct);
        // With the overlay's prefix, not /32: OVS's route table takes only connected routes of the port's own subnets.
        await host.RunAsync("ip", ["addr", "replace", network.WithPrefix(System.Net.IPAddress.Parse(ownAddress)), "dev", Bridge], ct);
        await host.RunAsync("ip", ["link", "set", Bridge, "up"], ct);
    }

    private async Task StartAsync(OverlayNetwork network, int mtu, CancellationToken ct)
    {
        // A TUN left by a killed wireguard-go holds the name: remove it wherever it is.
        await anywhere.TryRunAsync("ip", ["-n", Namespace, "link", "del", InterfaceName], ct);
        await host.TryRunAsync("ip", ["link", "del", InterfaceName], ct);
        if (File.Exists(Uapi.SocketPath))
        {
            File.Delete(Uapi.SocketPath);
        }
        await host.RunAsync("wireguard-go", [InterfaceName], ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(Uapi.SocketPath))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new OverlayException($"wireguard-go {InterfaceName} started but its socket {Uapi.SocketPath} did not appear within 10 s");
            }
            await Task.Delay(50, ct);
        }
        // Started here, its UDP socket stays on the underlay; moved, the TUN routes in its own namespace.
        await host.RunAsync("ip", ["link", "set", InterfaceName, "netns", Namespace], ct);
        await anywhere.RunAsync("ip", ["-n", Namespace, "link", "set", InterfaceName, "mtu", Invariant(mtu), "up"], ct);
        await anywhere.RunAsync("ip", ["-n", Namespace, "route", "replace", network.ToString(), "dev", InterfaceName], ct);
    }

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
