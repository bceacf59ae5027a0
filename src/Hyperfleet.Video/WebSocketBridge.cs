using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Hyperfleet.Contracts.Video;
using Microsoft.AspNetCore.Http;

namespace Hyperfleet.Video;

/// <summary>
/// The browser listener's one route, <c>/{host}/{port}/{ticket}</c> (IsardVDI's path shape): checks the Origin and the
/// admission, dials the display, and bridges WebSocket binary messages to its TCP stream both ways.
/// </summary>
public static class WebSocketBridge
{
    // What a viewer sends (keys, pointer, clipboard) comes in small frames: a buffer below the large-object threshold.
    private const int InputBufferSize = 64 * 1024;

    public static async Task HandleAsync(HttpContext context, string host, int port, string ticket,
        ProxySessions sessions, DisplayDialer dialer, VideoProxyOptions options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "websocket_required", "This address takes WebSocket connections only.");
            return;
        }
        if (!OriginAllowed(context.Request, options))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, VideoProblemCodes.OriginNotAllowed, "This page's origin may not open viewers here.");
            return;
        }
        var client = ClientAddress.Of(context.Connection.RemoteIpAddress);
        var (session, refusal) = sessions.Admit(host, port, ticket, ViewerProtocol.Browser, client);
        if (session is null)
        {
            var status = refusal is VideoProblemCodes.TicketMissing or VideoProblemCodes.TicketMalformed ? 400 : 403;
            await RefuseAsync(context, status, refusal!, "The video proxy refused this connection.");
            return;
        }
        var reason = EndReasons.ClientClosed;
        try
        {
            using var display = await dialer.DialAsync(host, port, context.RequestAborted);
            if (display is null)
            {
                reason = EndReasons.DisplayUnreachable;
                await RefuseAsync(context, StatusCodes.Status502BadGateway, VideoProblemCodes.DisplayUnreachable, "The desktop's display did not answer.");
                return;
            }
            var offered = context.WebSockets.WebSocketRequestedProtocols;
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                SubProtocol = offered.Contains("binary") ? "binary" : null,
                DangerousEnableCompression = false,
                KeepAliveInterval = options.PingInterval,
            });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(session.Cut, context.RequestAborted);
            await using var tcp = new NetworkStream(display, ownsSocket: false);
            // The viewer's side is never cancelled (a cancelled WebSocket receive aborts the connection, which the viewer
            // sees as a reset): it ends when the viewer closes, or answers the close frame sent below.
            var up = ToDisplayAsync(socket, tcp, session, context.RequestAborted);
            var down = ToViewerAsync(tcp, socket, session, stop.Token);
            var first = await Task.WhenAny(up, down, Task.Delay(Timeout.Infinite, stop.Token));
            reason = session.Cut.IsCancellationRequested ? EndReasons.Cut : first == down ? EndReasons.DisplayClosed : EndReasons.ClientClosed;
            await stop.CancelAsync();
            await Quietly(down);
            await CloseAsync(socket, up, reason);
        }
        finally
        {
            sessions.Closed(session, reason);
        }
    }

    // A close frame with the reason (cut, display_closed…), then the viewer's answer for a clean close; a viewer that
    // does not answer within two seconds is disconnected.
    private static async Task CloseAsync(WebSocket socket, Task up, string reason)
    {
        using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await Quietly(socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, closing.Token));
        }
        if (await Task.WhenAny(up, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)) != up)
        {
            socket.Abort();
        }
        await Quietly(up);
    }

    private static async Task ToDisplayAsync(WebSocket socket, NetworkStream tcp, ProxySession session, CancellationToken ct)
    {
        while (true)
        {
            // Idle: no buffer held until a frame arrives (a zero-byte receive); a viewer's input is small and bursty.
            if ((await socket.ReceiveAsync(Memory<byte>.Empty, ct)).MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            var buffer = ArrayPool<byte>.Shared.Rent(InputBufferSize);
            try
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                await tcp.WriteAsync(buffer.AsMemory(0, result.Count), ct);
                session.AddFromClient(result.Count);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static async Task ToViewerAsync(NetworkStream tcp, WebSocket socket, ProxySession session, CancellationToken ct)
    {
        while (true)
        {
            await StreamPump.WaitForDataAsync(tcp, ct);
            var buffer = StreamPump.Rent(tcp);
            try
            {
                do
                {
                    var read = await tcp.ReadAsync(buffer, ct);
                    if (read == 0)
                    {
                        return;
                    }
                    await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, ct);
                    session.AddToClient(read);
                }
                while (StreamPump.HasMore(tcp));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // A page may open a viewer here when its origin is listed, or (nothing listed) when it is this host itself.
    // Clients that are not browsers send no Origin, and cannot be abused by another site's page.
    internal static bool OriginAllowed(HttpRequest request, VideoProxyOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        var allowed = AllowList.Split(options.AllowedOrigins).ToList();
        if (allowed.Count > 0)
        {
            return allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
        }
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RefuseAsync(HttpContext context, int status, string code, string title)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { type = "about:blank", title, status, code });
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException or SocketException or ObjectDisposedException)
        {
            // The other side went away; the session's end reason says which.
        }
    }
}
