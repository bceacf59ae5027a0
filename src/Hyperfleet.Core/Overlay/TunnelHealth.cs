using System.Globalization;

namespace Hyperfleet.Core.Overlay;

/// <summary>
/// Whether one tunnel is up, from what WireGuard and BFD say, with the same rule at both ends (VPN node, agent). BFD on
/// the Geneve port is the fast signal (a dead peer is seen within three missed 200 ms intervals); the WireGuard handshake
/// age catches a tunnel whose keys expired, and only at 180 s, where WireGuard itself gives up on them.
/// </summary>
public static class TunnelHealth
{
    /// <summary>BFD's interval on both ends' Geneve ports, in ms (the node's default; the agent's): down after three missed.</summary>
    public const int BfdIntervalMs = 200;

    public const string NoPeer = "no_peer";
    public const string NoHandshake = "no_handshake";
    public const string HandshakeStale = "handshake_stale";
    public const string NoPort = "no_port";
    public const string PortError = "port_error";
    public const string BfdDown = "bfd_down";

    /// <summary>The verdict: connected, or the reason (a stable code) and detail (words).</summary>
    public sealed record Verdict(bool Connected, string? Reason, string? Detail);

    /// <param name="wireGuard">The tunnel goes through WireGuard (<c>wireguard+geneve</c>).</param>
    /// <param name="peer">The WireGuard peer at this end (ignored without WireGuard).</param>
    /// <param name="port">The Geneve port at this end.</param>
    /// <param name="now">Now.</param>
    /// <param name="handshakeTimeout">The handshake age at which the tunnel is dead (180 s).</param>
    public static Verdict Evaluate(bool wireGuard, WireGuardPeerState? peer, OvsInterface? port, DateTimeOffset now, TimeSpan handshakeTimeout)
    {
        if (wireGuard)
        {
            if (peer is null)
            {
                return new(false, NoPeer, "no WireGuard peer is configured");
            }
            if (peer.LastHandshake is not { } handshake)
            {
                return new(false, NoHandshake, "no WireGuard handshake yet");
            }
            var age = now - handshake;
            if (age >= handshakeTimeout)
            {
                return new(false, HandshakeStale,
                    string.Create(CultureInfo.InvariantCulture, $"last WireGuard handshake {age.TotalSeconds:0} s ago (dead at {handshakeTimeout.TotalSeconds:0} s)"));
            }
        }
        if (port is null)
        {
            return new(false, NoPort, "no Geneve port");
        }
        if (port.Error is { Length: > 0 } error)
        {
            return new(false, PortError, error);
        }
        if (!port.BfdUp)
        {
            var state = port.BfdState is "up" ? "up but not forwarding" : port.BfdState ?? "not running";
            return new(false, BfdDown, $"BFD {state}" + (port.BfdDiagnostic is { } d ? $": {d}" : ""));
        }
        return new(true, null, null);
    }
}
