using System.Globalization;
using System.Text.RegularExpressions;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Agent.Overlay;

/// <summary>
/// The host's VLAN trunk (seed 002's <c>HYPERVISOR_HOST_TRUNK_INTERFACE</c>): in promiscuous mode (the seed's manual
/// step, so tagged frames for the desktops' MACs reach the host), with one interface <c>v&lt;id&gt;</c> per VLAN. The VLANs
/// are the static list, or those heard on the trunk (802.1Q tags, by tcpdump) while it listens. The <c>v&lt;id&gt;</c>
/// interfaces are access ports (tag = id) of Open vSwitch bridge <c>br-trunk</c>, whose uplink is the trunk: this needs
/// no 8021q kernel module (not every kernel has it; the testbed's has not) and puts the VLANs where the overlay is.
/// </summary>
public sealed partial class VlanTrunk(AgentSettings settings)
{
    private readonly HostCommand host = new();
    private readonly OvsInstance ovs = new(new HostCommand(), settings.OvsRunDirectory);

    /// <summary>Sets the trunk up, finds its VLANs, makes their interfaces; returns what to report.</summary>
    public async Task<AgentVlansRequest> ApplyAsync(CancellationToken ct)
    {
        var trunk = settings.TrunkInterface!;
        await host.RunAsync("ip", ["link", "set", trunk, "promisc", "on", "up"], ct);
        var detected = settings.StaticVlans.Count == 0;
        var ids = detected ? await ListenAsync(trunk, ct) : VlanIds.Parse(string.Join(',', settings.StaticVlans));
        await ovs.EnsureRunningAsync(ct);
        // The userspace datapath reads the trunk: with TX checksum offload on, it would send wrong checksums.
        await host.TryRunAsync("ethtool", ["-K", trunk, "tx", "off"], ct);
        await ovs.EnsureBridgeAsync(OverlayBridges.Trunk, ct, "--", "--may-exist", "add-port", OverlayBridges.Trunk, trunk);
        foreach (var id in ids)
        {
            var name = VlanIds.InterfaceName(id);
            await ovs.VsctlAsync(ct, "--", "--may-exist", "add-port", OverlayBridges.Trunk, name, $"tag={id.ToString(CultureInfo.InvariantCulture)}",
                "--", "set", "interface", name, "type=internal");
            await WaitForLinkAsync(name, ct);
            await host.RunAsync("ip", ["link", "set", name, "up"], ct);
        }
        return new AgentVlansRequest(trunk, ids, detected);
    }

    /// <summary>The VLAN ids tagged on frames seen on the trunk during <c>VLAN_DETECT_SECONDS</c>.</summary>
    private async Task<IReadOnlyList<int>> ListenAsync(string trunk, CancellationToken ct)
    {
        var seconds = settings.VlanDetectSeconds.ToString(CultureInfo.InvariantCulture);
        // timeout ends the capture (exit 124); -e prints the link-level header, where the 802.1Q tag is.
        var (_, output, _) = await host.TryRunAsync("timeout", [seconds, "tcpdump", "-i", trunk, "-e", "-nn", "-l", "-q", "vlan"], ct,
            TimeSpan.FromSeconds(settings.VlanDetectSeconds + 30));
        return VlanIds.Parse(string.Join(',', Tag().Matches(output).Select(m => m.Groups[1].Value)));
    }

    /// <summary>OVS makes an internal port's device asynchronously: wait for it (a few seconds at most).</summary>
    private async Task WaitForLinkAsync(string name, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await host.TryRunAsync("ip", ["link", "show", name], ct)).Code == 0)
            {
                return;
            }
            await Task.Delay(50, ct);
        }
        throw new OverlayException($"Open vSwitch did not make interface {name} on {OverlayBridges.Trunk} within 5 s");
    }

    [GeneratedRegex(@"\bvlan (\d{1,4})\b")]
    private static partial Regex Tag();
}
