using Hyperfleet.Core.Overlay;

namespace Hyperfleet.Core.Tests.Overlay;

public class TunnelHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public enum Peer
    {
        None,
        NeverHandshaked,
        Handshake5s,
        Handshake179s,
        Handshake180s,
        Handshake600s,
    }

    public enum Port
    {
        None,
        BfdUp,
        BfdUpNotForwarding,
        BfdDownExpired,
        BfdDownNoDiagnostic,
        BfdInit,
        NoBfd,
        Error,
    }

    public static TheoryData<bool, Peer, Port, string?> Cases => new()
    {
        // wireguard+geneve
        { true, Peer.None, Port.BfdUp, TunnelHealth.NoPeer },
        { true, Peer.NeverHandshaked, Port.BfdUp, TunnelHealth.NoHandshake },
        { true, Peer.Handshake5s, Port.BfdUp, null },
        { true, Peer.Handshake179s, Port.BfdUp, null },
        { true, Peer.Handshake180s, Port.BfdUp, TunnelHealth.HandshakeStale },
        { true, Peer.Handshake600s, Port.BfdUp, TunnelHealth.HandshakeStale },
        { true, Peer.Handshake5s, Port.None, TunnelHealth.NoPort },
        { true, Peer.Handshake5s, Port.BfdDownExpired, TunnelHealth.BfdDown },
        { true, Peer.Handshake5s, Port.BfdUpNotForwarding, TunnelHealth.BfdDown },
        { true, Peer.Handshake5s, Port.BfdInit, TunnelHealth.BfdDown },
        { true, Peer.Handshake5s, Port.NoBfd, TunnelHealth.BfdDown },
        { true, Peer.Handshake5s, Port.Error, TunnelHealth.PortError },

        // geneve: the peer is not looked at, whatever it is
        { false, Peer.None, Port.BfdUp, null },
        { false, Peer.NeverHandshaked, Port.BfdUp, null },
        { false, Peer.Handshake600s, Port.BfdUp, null },
        { false, Peer.None, Port.None, TunnelHealth.NoPort },
        { false, Peer.None, Port.BfdDownExpired, TunnelHealth.BfdDown },
        { false, Peer.None, Port.BfdUpNotForwarding, TunnelHealth.BfdDown },
        { false, Peer.None, Port.Error, TunnelHealth.PortError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_Table_GivesTheReason(bool wireGuard, Peer peer, Port port, string? reason)
    {
        var verdict = TunnelHealth.Evaluate(wireGuard, PeerFor(peer), PortFor(port), Now, Timeout);

        Assert.Equal((reason is null, reason), (verdict.Connected, verdict.Reason));
        Assert.Equal(reason is null, verdict.Detail is null);
    }

    [Fact]
    public void Evaluate_BfdDownWithDiagnostic_DetailHasStateAndDiagnostic()
    {
        var verdict = TunnelHealth.Evaluate(true, PeerFor(Peer.Handshake5s), PortFor(Port.BfdDownExpired), Now, Timeout);

        Assert.Equal(TunnelHealth.BfdDown, verdict.Reason);
        Assert.Contains("down", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("Control Detection Time Expired", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BfdDownNoDiagnostic_DetailDoesNotMentionOne()
    {
        var verdict = TunnelHealth.Evaluate(true, PeerFor(Peer.Handshake5s), PortFor(Port.BfdDownNoDiagnostic), Now, Timeout);

        Assert.Equal(TunnelHealth.BfdDown, verdict.Reason);
        Assert.Equal("BFD down", verdict.Detail);
    }

    [Fact]
    public void Evaluate_BfdUpButNotForwarding_DetailDoesNotClaimBfdIsUp()
    {
        var verdict = TunnelHealth.Evaluate(true, PeerFor(Peer.Handshake5s), PortFor(Port.BfdUpNotForwarding), Now, Timeout);

        Assert.False(verdict.Connected);
        Assert.Equal(TunnelHealth.BfdDown, verdict.Reason);
        // An operator reading "bfd_down: BFD up" cannot tell what is wrong.
        Assert.NotEqual("BFD up", verdict.Detail);
    }

    [Fact]
    public void Evaluate_BfdNotConfigured_DetailSaysNotRunning()
    {
        var verdict = TunnelHealth.Evaluate(false, null, PortFor(Port.NoBfd), Now, Timeout);

        Assert.Equal(TunnelHealth.BfdDown, verdict.Reason);
        Assert.Contains("not running", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PortError_DetailIsOvsError()
    {
        var verdict = TunnelHealth.Evaluate(true, PeerFor(Peer.Handshake5s), PortFor(Port.Error), Now, Timeout);

        Assert.Equal(TunnelHealth.PortError, verdict.Reason);
        Assert.Equal("could not add network device gnv1 to ofproto (File exists)", verdict.Detail);
    }

    [Fact]
    public void Evaluate_HandshakeStale_DetailGivesAgeAndLimit()
    {
        var verdict = TunnelHealth.Evaluate(true, PeerFor(Peer.Handshake600s), PortFor(Port.BfdUp), Now, Timeout);

        Assert.Equal(TunnelHealth.HandshakeStale, verdict.Reason);
        Assert.Contains("600 s", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("180 s", verdict.Detail, StringComparison.Ordinal);
    }

    private static WireGuardPeerState? PeerFor(Peer peer) => peer switch
    {
        Peer.None => null,
        Peer.NeverHandshaked => Handshaked(null),
        Peer.Handshake5s => Handshaked(Now.AddSeconds(-5)),
        Peer.Handshake179s => Handshaked(Now.AddSeconds(-179)),
        Peer.Handshake180s => Handshaked(Now.AddSeconds(-180)),
        Peer.Handshake600s => Handshaked(Now.AddSeconds(-600)),
        _ => throw new ArgumentOutOfRangeException(nameof(peer)),
    };

    private static WireGuardPeerState Handshaked(DateTimeOffset? at) =>
        new("QUxQSEFBTFBIQUFMUEhBQUxQSEFBTFBIQUFMUEhBQUw=", "203.0.113.1:51820", ["100.72.0.2/32"], at, 100, 200, 25);

    private static OvsInterface? PortFor(Port port) => port switch
    {
        Port.None => null,
        Port.BfdUp => Geneve(Bfd("up", "true", "No Diagnostic")),
        Port.BfdUpNotForwarding => Geneve(Bfd("up", "false", "No Diagnostic")),
        Port.BfdDownExpired => Geneve(Bfd("down", "false", "Control Detection Time Expired")),
        Port.BfdDownNoDiagnostic => Geneve(Bfd("down", "false", "No Diagnostic")),
        Port.BfdInit => Geneve(Bfd("init", "false", "No Diagnostic")),
        Port.NoBfd => Geneve([]),
        Port.Error => Geneve(Bfd("up", "true", "No Diagnostic")) with { Error = "could not add network device gnv1 to ofproto (File exists)" },
        _ => throw new ArgumentOutOfRangeException(nameof(port)),
    };

    private static Dictionary<string, string> Bfd(string state, string forwarding, string diagnostic) => new()
    {
        ["state"] = state,
        ["forwarding"] = forwarding,
        ["diagnostic"] = diagnostic,
        ["remote_state"] = state,
        ["remote_diagnostic"] = "No Diagnostic",
        ["flap_count"] = "1",
    };

    private static OvsInterface Geneve(Dictionary<string, string> bfd) =>
        new("gnv1", "geneve", new Dictionary<string, string> { ["remote_ip"] = "100.72.0.2", ["key"] = "4242" }, bfd,
            new Dictionary<string, string> { [GenevePortNames.HypervisorKey] = "hv-alpha" }, null);
}
