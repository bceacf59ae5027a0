namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>The values of a hypervisor's <c>tunnel_status</c>: measured by the VPN node, never assumed.</summary>
public static class TunnelStatuses
{
    /// <summary>BFD is up on the Geneve port (and, with WireGuard, the last handshake is under 180 s old).</summary>
    public const string Connected = "connected";

    /// <summary>Anything else; the row's <c>vpn.tunnel_reason</c> says why.</summary>
    public const string Disconnected = "disconnected";
}
