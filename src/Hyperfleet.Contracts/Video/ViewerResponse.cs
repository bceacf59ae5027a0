namespace Hyperfleet.Contracts.Video;

/// <summary>What a client needs to open a desktop's display; valid once, until <paramref name="ExpiresAt"/>.</summary>
/// <param name="Protocol">The protocol asked for.</param>
/// <param name="SessionId">The viewer session this ticket opens (see <c>/api/v1/viewer-sessions</c>).</param>
/// <param name="Url">For <c>browser</c>: the WebSocket URL (<c>wss://proxy/{host}/{port}/{ticket}</c>) noVNC connects to; null for <c>spice</c>.</param>
/// <param name="Password">The display password just set on the desktop (VNC: 8 characters), valid about a minute.</param>
/// <param name="Vv">For <c>spice</c>: the <c>.vv</c> file for remote-viewer; null for <c>browser</c>.</param>
/// <param name="ExpiresAt">The ticket must be used before this instant.</param>
public sealed record ViewerResponse(
    ViewerProtocol Protocol,
    string SessionId,
    string? Url,
    string Password,
    string? Vv,
    DateTimeOffset ExpiresAt);
