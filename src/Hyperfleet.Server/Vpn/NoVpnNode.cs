using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Server.Vpn;

/// <summary>A process without the <c>vpn</c> role: nothing to show of the node's end.</summary>
public sealed class NoVpnNode : IVpnNodeView
{
    public string State => "the vpn role does not run in this process";

    public TunnelEndView? View(string hypervisor) => null;

    public IReadOnlyList<string> Ports => [];
}
