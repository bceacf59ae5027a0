namespace Hyperfleet.Server.Video;

/// <summary>The central video proxy this process runs (role <c>video</c>), as the ticket issuer needs to know it.</summary>
public interface ICentralVideoProxy
{
    /// <summary>Whether it is up; false without the video role.</summary>
    bool IsRunning { get; }

    /// <summary>The port its browser (WebSocket) listener is bound to.</summary>
    int BrowserPort { get; }

    /// <summary>The port its SPICE (HTTP CONNECT) listener is bound to.</summary>
    int SpicePort { get; }

    /// <summary>Whether the browser listener speaks TLS (<c>wss://</c>).</summary>
    bool BrowserTls { get; }
}

/// <summary>No central proxy in this process.</summary>
public sealed class NoCentralVideoProxy : ICentralVideoProxy
{
    public bool IsRunning => false;
    public int BrowserPort => 0;
    public int SpicePort => 0;
    public bool BrowserTls => false;
}
