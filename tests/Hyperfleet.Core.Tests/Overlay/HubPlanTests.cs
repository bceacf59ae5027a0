using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

public class HubPlanTests
{
    private const int Vni = 4242;

    private static readonly HubMember Alpha = new("hv-alpha", true, "QUxQSEFBTFBIQUFMUEhBQUxQSEFBTFBIQUFMUEhBQUw=", "100.72.0.2", "100.72.0.2");
    private static readonly HubMember Beta = new("hv-beta", true, "QkVUQUJFVEFCRVRBQkVUQUJFVEFCRVRBQkVUQUJFVEE=", "100.72.0.3", "100.72.0.3");
    private static readonly HubMember Gamma = new("hv-gamma", false, "R0FNTUFHQU1NQUdBTU1BR0FNTUFHQU1NQUdBTU1BR0E=", "100.72.0.4", "198.51.100.4");

    [Fact]
    public void Changes_ObservedEqualsDesired_NoAction()
    {
        var desired = new[] { Alpha, Beta, Gamma };

        var actions = HubPlan.Changes(desired, [PeerOf(Alpha), PeerOf(Beta)], [PortOf(Alpha), PortOf(Beta), PortOf(Gamma), Bridge(), Phy()], Vni);

        Assert.Empty(actions);
    }

    [Fact]
    public void Changes_MissingPeer_ExactlyOneUpsertForIt()
    {
        var actions = HubPlan.Changes([Alpha, Beta], [PeerOf(Alpha)], [PortOf(Alpha), PortOf(Beta)], Vni);

        Assert.Equal([new HubAction.UpsertPeer(Beta)], actions);
    }

    [Theory]
    [InlineData("100.72.0.9/32")]
    [InlineData("100.72.0.3/24")]
    [InlineData("100.72.0.3/32,10.0.0.0/8")]
    [InlineData("")]
    public void Changes_PeerWithWrongAllowedIps_UpsertsIt(string allowedIps)
    {
        var wrong = PeerOf(Beta) with { AllowedIps = allowedIps.Split(',', StringSplitOptions.RemoveEmptyEntries) };

        var actions = HubPlan.Changes([Alpha, Beta], [PeerOf(Alpha), wrong], [PortOf(Alpha), PortOf(Beta)], Vni);

        Assert.Equal([new HubAction.UpsertPeer(Beta)], actions);
    }

    [Fact]
    public void Changes_ExtraPeer_RemovesItOnly()
    {
        var stranger = new WireGuardPeerState("U1RSQU5HRVJTVFJBTkdFUlNUUkFOR0VSU1RSQU5HRVI=", "203.0.113.9:51820", ["100.72.0.99/32"], null, 0, 0, 0);

        var actions = HubPlan.Changes([Alpha], [PeerOf(Alpha), stranger], [PortOf(Alpha)], Vni);

        Assert.Equal([new HubAction.RemovePeer(stranger.PublicKey)], actions);
    }

    [Fact]
    public void Changes_GeneveModeMember_GetsAPortButNoPeer()
    {
        var actions = HubPlan.Changes([Gamma], [], [], Vni);

        Assert.Equal([new HubAction.SetPort(Gamma)], actions);
    }

    [Fact]
    public void Changes_MemberSwitchedToGeneveMode_ItsStalePeerIsRemoved()
    {
        // Gamma was in wireguard+geneve: its peer is still on the node.
        var stalePeer = PeerOf(Gamma);

        var actions = HubPlan.Changes([Alpha, Gamma], [PeerOf(Alpha), stalePeer], [PortOf(Alpha), PortOf(Gamma)], Vni);

        Assert.Equal([new HubAction.RemovePeer(Gamma.PublicKey)], actions);
    }

    [Fact]
    public void Changes_MemberSwitchedToGeneveMode_PortStillAtOverlayAddressIsRepointed()
    {
        var oldPort = PortOf(Gamma with { GeneveRemote = Gamma.OverlayAddress });

        var actions = HubPlan.Changes([Gamma], [], [oldPort], Vni);

        Assert.Equal([new HubAction.SetPort(Gamma)], actions);
    }

    [Fact]
    public void Changes_MissingPort_SetsIt()
    {
        var actions = HubPlan.Changes([Alpha, Beta], [PeerOf(Alpha), PeerOf(Beta)], [PortOf(Alpha), Bridge()], Vni);

        Assert.Equal([new HubAction.SetPort(Beta)], actions);
    }

    public static TheoryData<string, OvsInterface> WrongPorts => new()
    {
        { "remote_ip", PortOf(Beta) with { Options = Options("100.72.0.77", Vni) } },
        { "no remote_ip", PortOf(Beta) with { Options = new Dictionary<string, string> { ["key"] = "4242" } } },
        { "key (VNI)", PortOf(Beta) with { Options = Options(Beta.GeneveRemote, 17) } },
        { "no key", PortOf(Beta) with { Options = new Dictionary<string, string> { ["remote_ip"] = Beta.GeneveRemote } } },
        { "type", PortOf(Beta) with { Type = "vxlan" } },
        { "hypervisor id", PortOf(Beta) with { ExternalIds = Marked("hv-someone-else") } },
    };

    [Theory]
    [MemberData(nameof(WrongPorts))]
    public void Changes_PortWithWrongSetting_SetsIt(string wrong, OvsInterface port)
    {
        var actions = HubPlan.Changes([Alpha, Beta], [PeerOf(Alpha), PeerOf(Beta)], [PortOf(Alpha), port], Vni);

        Assert.True(actions.SequenceEqual([new HubAction.SetPort(Beta)]), $"wrong {wrong}: {string.Join(", ", actions)}");
    }

    [Fact]
    public void Changes_PortOfHypervisorNoLongerDesired_RemovesPortAndPeer()
    {
        var actions = HubPlan.Changes([Alpha], [PeerOf(Alpha), PeerOf(Beta)], [PortOf(Alpha), PortOf(Beta)], Vni);

        Assert.Equal(2, actions.Count);
        Assert.Contains(new HubAction.RemovePeer(Beta.PublicKey), actions);
        Assert.Contains(new HubAction.RemovePort(Beta.PortName), actions);
    }

    [Fact]
    public void Changes_PortsWithoutHyperfleetMark_AreNeverTouched()
    {
        // Not Hyperfleet's: the bridge's internal port, the physical uplink, an operator's own Geneve port, and a
        // port named like one of ours but without the mark.
        var foreign = new[]
        {
            Bridge(),
            Phy(),
            new OvsInterface("gnvoperator", "geneve", Options("192.0.2.50", 99), Empty, new Dictionary<string, string> { ["owner"] = "ops" }, null),
            PortOf(Beta) with { ExternalIds = Empty },
        };

        var nothingDesired = HubPlan.Changes([], [], foreign, Vni);
        var alphaDesired = HubPlan.Changes([Alpha], [PeerOf(Alpha)], [.. foreign, PortOf(Alpha)], Vni);

        Assert.Empty(nothingDesired);
        Assert.Empty(alphaDesired);
    }

    [Fact]
    public void Changes_UnmarkedPortWithDesiredName_IsSetNotRemoved()
    {
        var unmarked = PortOf(Beta) with { ExternalIds = Empty };

        var actions = HubPlan.Changes([Beta], [PeerOf(Beta)], [unmarked], Vni);

        Assert.Equal([new HubAction.SetPort(Beta)], actions);
    }

    [Fact]
    public void Changes_AfterRestartNothingObserved_EveryMemberBackOnceEach()
    {
        var desired = Enumerable.Range(2, 40)
            .Select(i => new HubMember($"hv-{i}", i % 3 != 0, Convert.ToBase64String(Enumerable.Repeat((byte)i, 32).ToArray()),
                $"100.72.0.{i}", i % 3 != 0 ? $"100.72.0.{i}" : $"198.51.100.{i}"))
            .ToList();

        var actions = HubPlan.Changes(desired, [], [Bridge(), Phy()], Vni);

        var upserts = actions.OfType<HubAction.UpsertPeer>().Select(a => a.Member).ToList();
        var ports = actions.OfType<HubAction.SetPort>().Select(a => a.Member).ToList();
        Assert.Equal(actions.Count, upserts.Count + ports.Count);
        Assert.Equal(desired.Where(m => m.WireGuard).OrderBy(m => m.Hypervisor, StringComparer.Ordinal),
            upserts.OrderBy(m => m.Hypervisor, StringComparer.Ordinal));
        Assert.Equal(desired.OrderBy(m => m.Hypervisor, StringComparer.Ordinal), ports.OrderBy(m => m.Hypervisor, StringComparer.Ordinal));
    }

    [Fact]
    public void Changes_AfterApplyingThePlan_NextRunHasNothingToDo()
    {
        var desired = new[] { Alpha, Beta, Gamma };
        var actions = HubPlan.Changes(desired, [], [], Vni);

        // What a node would observe once it carried the actions out.
        var peers = actions.OfType<HubAction.UpsertPeer>().Select(a => PeerOf(a.Member)).ToList();
        var ports = actions.OfType<HubAction.SetPort>().Select(a => PortOf(a.Member)).ToList();

        Assert.Empty(HubPlan.Changes(desired, peers, ports, Vni));
    }

    private static readonly Dictionary<string, string> Empty = [];

    private static WireGuardPeerState PeerOf(HubMember member) =>
        new(member.PublicKey, "203.0.113.1:51820", [member.OverlayAddress + "/32"], DateTimeOffset.UnixEpoch, 10, 20, 25);

    private static OvsInterface PortOf(HubMember member) =>
        new(member.PortName, "geneve", Options(member.GeneveRemote, Vni),
            new Dictionary<string, string> { ["state"] = "up", ["forwarding"] = "true" }, Marked(member.Hypervisor), null);

    private static Dictionary<string, string> Options(string remote, int vni) =>
        new() { ["remote_ip"] = remote, ["key"] = vni.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Dictionary<string, string> Marked(string hypervisor) => new() { [GenevePortNames.HypervisorKey] = hypervisor };

    private static OvsInterface Bridge() => new("br-overlay", "internal", Empty, Empty, Empty, null);

    private static OvsInterface Phy() => new("br-phy", "", Empty, Empty, new Dictionary<string, string> { ["role"] = "uplink" }, null);
}
