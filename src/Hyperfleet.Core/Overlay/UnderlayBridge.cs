using System.Text.Json;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// Open vSwitch's userspace datapath sends tunnel packets only through its own ports (NETWORK-FACTS.md): for Geneve
/// straight over the underlay, the host's underlay address moves from its interface onto the OVS bridge <c>br-phy</c>,
/// which gets that interface as its port and its MAC (neighbours' ARP caches stay right), and the interface's routes.
/// What was moved is written down first, so a crash halfway or an <c>ovs-vswitchd</c> restart (which drops addresses of
/// internal ports) is repaired from the record, never guessed.
/// </summary>
public sealed class UnderlayBridge(HostCommand host, OvsInstance ovs)
{
    public const string Bridge = "br-phy";

    private string RecordPath => Path.Combine(ovs.RunDirectory, "underlay.json");

    private sealed record Moved(string Interface, string Cidr, string Mac, int Mtu, List<string[]> Routes);

    /// <summary>Makes <paramref name="address"/> live on <c>br-phy</c>; returns what it did, or null when all was in place.</summary>
    public async Task<string?> EnsureAsync(string address, CancellationToken ct)
    {
        var holder = await HolderAsync(address, ct);
        if (holder?.Interface == Bridge)
        {
            return null;
        }
        Moved? moved;
        if (holder is not null)
        {
            var (iface, cidr) = holder.Value;
            using var link = JsonDocument.Parse(await host.RunAsync("ip", ["-j", "link", "show", "dev", iface], ct));
            var mac = link.RootElement[0].GetProperty("address").GetString()!;
            var mtu = link.RootElement[0].GetProperty("mtu").GetInt32();
            moved = new Moved(iface, cidr, mac, mtu, await RoutesAsync(iface, ct));
            await File.WriteAllTextAsync(RecordPath, JsonSerializer.Serialize(moved), ct);
        }
        else if (File.Exists(RecordPath))
        {
            moved = JsonSerializer.Deserialize<Moved>(await File.ReadAllTextAsync(RecordPath, ct))!;
        }
        else
        {
            throw new OverlayException($"no interface holds the underlay address {address}, and nothing was moved from one");
        }

        await ovs.EnsureBridgeAsync(Bridge, ct, $"other_config:hwaddr={moved.Mac}",
            "--", "--may-exist", "add-port", Bridge, moved.Interface,
            "--", "set", "interface", Bridge, $"mtu_request={moved.Mtu}");
        await host.RunAsync("ethtool", ["-K", moved.Interface, "tx", "off"], ct);
        if (holder is not null)
        {
            await host.RunAsync("ip", ["addr", "flush", "dev", moved.Interface], ct);
        }
        await host.RunAsync("ip", ["addr", "replace", moved.Cidr, "dev", Bridge], ct);
        await host.RunAsync("ip", ["link", "set", Bridge, "up"], ct);
        foreach (var route in moved.Routes)
        {
            await host.TryRunAsync("ip", ["route", "replace", .. route, "dev", Bridge], ct);
        }
        return holder is not null
            ? $"moved {moved.Cidr} from {moved.Interface} onto {Bridge}"
            : $"put {moved.Cidr} back on {Bridge}";
    }

    private async Task<(string Interface, string Cidr)?> HolderAsync(string address, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await host.RunAsync("ip", ["-j", "-4", "addr", "show"], ct));
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            foreach (var a in link.GetProperty("addr_info").EnumerateArray())
            {
                if (a.GetProperty("local").GetString() == address)
                {
                    return (link.GetProperty("ifname").GetString()!, $"{address}/{a.GetProperty("prefixlen").GetInt32()}");
                }
            }
        }
        return null;
    }

    /// <summary>The interface's routes other than the ones its address makes by itself, as <c>ip route</c> arguments.</summary>
    private async Task<List<string[]>> RoutesAsync(string iface, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await host.RunAsync("ip", ["-j", "-4", "route", "show", "dev", iface], ct));
        var routes = new List<string[]>();
        foreach (var r in doc.RootElement.EnumerateArray())
        {
            if (r.TryGetProperty("protocol", out var proto) && proto.GetString() == "kernel")
            {
                continue;
            }
            var args = new List<string> { r.GetProperty("dst").GetString()! };
            if (r.TryGetProperty("gateway", out var gw))
            {
                args.AddRange(["via", gw.GetString()!]);
            }
            routes.Add([.. args]);
        }
        return routes;
    }
}
