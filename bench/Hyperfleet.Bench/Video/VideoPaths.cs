using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// The four ways a client reaches the display: direct TCP; the proxy's CONNECT tunnel (what remote-viewer does through
/// a .vv file's proxy, the ticket as the Basic password); the proxy's WebSocket bridge (what noVNC does); websockify.
/// </summary>
public static class VideoPaths
{
    // The display as the proxy dials it: on its own machine (or in its own namespace when shaped).
    private const string DisplayHost = "127.0.0.1";

    /// <summary>Nothing between client and display; its "carrier" is the display itself, a scale for the proxies' CPU.</summary>
    public static VideoPath Direct(string address, int displayPort, HelperProcess display) =>
        new("direct", async ct => VideoLink.Of(await TcpAsync(address, displayPort, ct)), display, display);

    public static VideoPath Connect(string address, int spicePort, int displayPort, TicketMint mint, HelperProcess proxy, HelperProcess display) =>
        new("CONNECT", async ct =>
        {
            var client = await TcpAsync(address, spicePort, ct);
            var ticket = mint.Ticket(ViewerProtocol.Spice, DisplayHost, displayPort);
            var target = $"{DisplayHost}:{displayPort}";
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("ticket:" + ticket));
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\nProxy-Authorization: Basic {auth}\r\n\r\n"), ct);
            var head = await ReadHeadAsync(stream, ct);
            if (!head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
            {
                client.Dispose();
                throw new InvalidOperationException($"CONNECT refused: {head.Split('\r')[0]}");
            }
            return VideoLink.Of(client);
        }, proxy, display);

    public static VideoPath Bridge(string address, int browserPort, int displayPort, TicketMint mint, HelperProcess proxy, HelperProcess display) =>
        new("WebSocket", async ct =>
        {
            var ticket = mint.Ticket(ViewerProtocol.Browser, DisplayHost, displayPort);
            return VideoLink.Of(await WebSocketAsync(new Uri($"ws://{address}:{browserPort}/{DisplayHost}/{displayPort}/{ticket}"), ct));
        }, proxy, display);

    public static VideoPath Websockify(string address, int port, HelperProcess websockify, HelperProcess display) =>
        new("websockify", async ct => VideoLink.Of(await WebSocketAsync(new Uri($"ws://{address}:{port}/"), ct)), websockify, display);

    private static async Task<TcpClient> TcpAsync(string address, int port, CancellationToken ct)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(address, port, ct);
        return client;
    }

    // As noVNC: the "binary" subprotocol, no compression (the default).
    private static async Task<ClientWebSocket> WebSocketAsync(Uri uri, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("binary");
        try
        {
            await socket.ConnectAsync(uri, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 8192)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }
            head.Append((char)one[0]);
        }
        return head.ToString();
    }
}
