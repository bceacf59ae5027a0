namespace Hyperfleet.Core.Overlay;

/// <summary>The Open vSwitch bridges of the overlay, by one name each on every host and on the VPN node.</summary>
public static class OverlayBridges
{
    /// <summary>The desktops' overlay: their NICs, and the Geneve port(s) to the VPN node (on the node: one per hypervisor).</summary>
    public const string Overlay = "ovsbr0";

    /// <summary>A host's VLAN trunk: the trunk interface as uplink, one access port <c>v&lt;id&gt;</c> per VLAN.</summary>
    public const string Trunk = "br-trunk";
}
