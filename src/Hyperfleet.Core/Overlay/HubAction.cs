namespace Hyperfleet.Core.Overlay;

/// <summary>One change the VPN node makes: the reconciler changes one peer or one port per difference, never the whole set.</summary>
public abstract record HubAction
{
    /// <summary>Adds the peer, or sets its allowed IP (other peers are untouched).</summary>
    public sealed record UpsertPeer(HubMember Member) : HubAction;

    /// <summary>Removes a peer no hypervisor (in <c>wireguard+geneve</c>) has.</summary>
    public sealed record RemovePeer(string PublicKey) : HubAction;

    /// <summary>Adds the member's Geneve port, or re-points it (a mode change moves its remote).</summary>
    public sealed record SetPort(HubMember Member) : HubAction;

    /// <summary>Removes a Hyperfleet Geneve port no hypervisor has.</summary>
    public sealed record RemovePort(string Name) : HubAction;
}
