namespace Hyperfleet.Core.Overlay;

/// <summary>
/// The VPN node's reconcile step, as a pure function: what the database wants (<see cref="HubMember"/>s) against what
/// WireGuard and Open vSwitch have, to the list of single changes that makes them equal. Equal sets give no change, so
/// running it every tick is free; after a daemon restart it gives every peer or port back, once each.
/// </summary>
public static class HubPlan
{
    /// <param name="desired">Every hypervisor on the overlay.</param>
    /// <param name="peers">The node's WireGuard peers.</param>
    /// <param name="ports">The node's overlay bridge's interfaces (only Hyperfleet's Geneve ports are looked at).</param>
    /// <param name="vni">The overlay's Geneve VNI.</param>
    public static IReadOnlyList<HubAction> Changes(IReadOnlyCollection<HubMember> desired, IReadOnlyCollection<WireGuardPeerState> peers,
        IReadOnlyCollection<OvsInterface> ports, int vni)
    {
        var actions = new List<HubAction>();
        // Keys and port names are unique (a key in use is refused at registration); a duplicate still must not stop the
        // node for every host, so the first wins.
        var wantedPeers = desired.Where(m => m.WireGuard).DistinctBy(m => m.PublicKey, StringComparer.Ordinal).ToDictionary(m => m.PublicKey, StringComparer.Ordinal);
        var havePeers = peers.DistinctBy(p => p.PublicKey, StringComparer.Ordinal).ToDictionary(p => p.PublicKey, StringComparer.Ordinal);
        foreach (var (key, member) in wantedPeers)
        {
            var allowed = member.OverlayAddress + "/32";
            if (!havePeers.TryGetValue(key, out var have) || have.AllowedIps.Count != 1 || have.AllowedIps[0] != allowed)
            {
                actions.Add(new HubAction.UpsertPeer(member));
            }
        }
        actions.AddRange(havePeers.Keys.Where(k => !wantedPeers.ContainsKey(k)).Select(k => new HubAction.RemovePeer(k)));

        var ours = ports.Where(p => p.ExternalIds.ContainsKey(GenevePortNames.HypervisorKey)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var wantedPorts = desired.DistinctBy(m => m.PortName, StringComparer.Ordinal).ToDictionary(m => m.PortName, StringComparer.Ordinal);
        foreach (var (name, member) in wantedPorts)
        {
            if (!ours.TryGetValue(name, out var port) || !Matches(port, member, vni))
            {
                actions.Add(new HubAction.SetPort(member));
            }
        }
        actions.AddRange(ours.Keys.Where(n => !wantedPorts.ContainsKey(n)).Select(n => new HubAction.RemovePort(n)));
        return actions;
    }

    private static bool Matches(OvsInterface port, HubMember member, int vni) =>
        port.Type == "geneve"
        && port.Options.GetValueOrDefault("remote_ip") == member.GeneveRemote
        && port.Options.GetValueOrDefault("key") == vni.ToString(System.Globalization.CultureInfo.InvariantCulture)
        && port.ExternalIds.GetValueOrDefault(GenevePortNames.HypervisorKey) == member.Hypervisor;
}
