using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Server.Vpn;

/// <summary>The VPN node's live view of the tunnels, for <c>hypervisor diagnose</c>.</summary>
public interface IVpnNodeView
{
    /// <summary>Whether the node runs in this process, and if not why: "running", or a sentence.</summary>
    string State { get; }

    /// <summary>The node's end of one hypervisor's tunnel; null when the node is not running here.</summary>
    TunnelEndView? View(string hypervisor);

    /// <summary>The node's overlay bridge's ports, as <c>name (type, remote)</c>.</summary>
    IReadOnlyList<string> Ports { get; }
}
