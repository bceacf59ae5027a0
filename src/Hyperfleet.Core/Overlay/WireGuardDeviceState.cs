namespace Hyperfleet.Core.Overlay;

/// <summary>
/// A WireGuard device as its UAPI reports it, without the private key: the state is meant to be logged,
/// compared and shown, so only the public key derived from it is kept.
/// </summary>
/// <param name="PublicKey">The device's public key, base64; null while no private key is set.</param>
/// <param name="ListenPort">The UDP port the device listens on; 0 when it has none yet.</param>
/// <param name="Peers">The configured peers, in the device's order.</param>
public sealed record WireGuardDeviceState(string? PublicKey, int ListenPort, IReadOnlyList<WireGuardPeerState> Peers);
