using System.Net.Sockets;

namespace Hyperfleet.Video;

/// <summary>Dials a desktop's display (VNC or SPICE port) for an admitted connection.</summary>
public sealed class DisplayDialer(VideoProxyOptions options)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A connected socket with Nagle off (each keystroke and frame goes at once), or null when the display does not answer.</summary>
    public async Task<Socket?> DialAsync(string host, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(string.IsNullOrWhiteSpace(options.DialHost) ? host : options.DialHost, port, timeout.Token);
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            if (ct.IsCancellationRequested)
            {
                throw;
            }
            return null;
        }
    }
}
