using System.Net.Sockets;
using System.Net.WebSockets;

namespace Hyperfleet.Bench.Video;

/// <summary>One open client connection to the display, whichever way it goes: a TCP stream or WebSocket binary messages.</summary>
public abstract class VideoLink : IAsyncDisposable
{
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>Some bytes (at most the buffer), 0 when the other side closed.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    public static VideoLink Of(TcpClient client) => new StreamLink(client);

    public static VideoLink Of(ClientWebSocket socket) => new WebSocketLink(socket);

    private sealed class StreamLink(TcpClient client) : VideoLink
    {
        private readonly NetworkStream stream = client.GetStream();

        public override ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => stream.WriteAsync(data, ct);

        public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) => stream.ReadAsync(buffer, ct);

        public override async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            client.Dispose();
        }
    }

    private sealed class WebSocketLink(ClientWebSocket socket) : VideoLink
    {
        public override ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct) =>
            socket.SendAsync(data, WebSocketMessageType.Binary, endOfMessage: true, ct);

        public override async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            return result.MessageType == WebSocketMessageType.Close ? 0 : result.Count;
        }

        public override async ValueTask DisposeAsync()
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Closed already: nothing to say.
            }
            socket.Dispose();
        }
    }
}
