using System.Text.Json.Serialization;

namespace Hyperfleet.Contracts.Video;

/// <summary>How a viewer reaches a desktop's display.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ViewerProtocol>))]
public enum ViewerProtocol
{
    /// <summary>noVNC in a browser: a WebSocket through the video proxy to the desktop's VNC port.</summary>
    [JsonStringEnumMemberName("browser")]
    Browser,

    /// <summary>A native SPICE client (remote-viewer) through the video proxy's HTTP CONNECT listener to the SPICE port.</summary>
    [JsonStringEnumMemberName("spice")]
    Spice,
}
