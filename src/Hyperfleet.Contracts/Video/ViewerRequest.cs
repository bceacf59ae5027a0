namespace Hyperfleet.Contracts.Video;

/// <summary>Body of <c>POST /api/v1/desktops/{id}/viewer</c>.</summary>
/// <param name="Protocol"><c>browser</c> (noVNC) or <c>spice</c> (a <c>.vv</c> file for remote-viewer).</param>
public sealed record ViewerRequest(ViewerProtocol Protocol);
