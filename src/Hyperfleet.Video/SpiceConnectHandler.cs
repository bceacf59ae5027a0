using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hyperfleet.Contracts.Video;
using Microsoft.AspNetCore.Connections;

namespace Hyperfleet.Video;

/// <summary>
/// The SPICE listener: an HTTP CONNECT proxy for native clients (remote-viewer). Kestrel and YARP refuse CONNECT, so
/// this reads the request head itself: <c>CONNECT host:port HTTP/1.0|1.1</c>, headers, and the ticket as the password of
/// <c>Proxy-Authorization: Basic</c>. Only after admission is the display dialled and <c>200</c> sent; then bytes flow
/// both ways untouched.
/// </summary>
public sealed class SpiceConnectHandler(ProxySessions sessions, DisplayDialer dialer, VideoProxyOptions options) : ConnectionHandler
{
    public const int MaxHeadBytes = 8 * 1024;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        Head? head;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(options.RequestHeadTimeout);
            try
            {
                head = await ReadHeadAsync(input, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return; // too slow, or gone: nothing to answer
            }
        }
        if (head is null)
        {
            await AnswerAsync(output, "400 Bad Request", "bad_request");
            return;
        }
        if (head.Method != "CONNECT")
        {
            await AnswerAsync(output, "405 Method Not Allowed", "connect_required", "Allow: CONNECT\r\n");
            return;
        }
        if (head.Port is not { } port)
        {
            await AnswerAsync(output, "400 Bad Request", "bad_request");
            return;
        }
        if (head.Ticket is null)
        {
            await AnswerAsync(output, "407 Proxy Authentication Required", VideoProblemCodes.TicketMissing,
                "Proxy-Authenticate: Basic realm=\"hyperfleet\"\r\n");
            return;
        }
        var client = ClientAddress.Of((connection.RemoteEndPoint as IPEndPoint)?.Address);
        var (session, refusal) = sessions.Admit(head.Host, port, head.Ticket, ViewerProtocol.Spice, client);
        if (session is null)
        {
            await AnswerAsync(output, "403 Forbidden", refusal!);
            return;
        }
        var reason = EndReasons.ClientClosed;
        try
        {
            using var display = await dialer.DialAsync(head.Host, port, connection.ConnectionClosed);
            if (display is null)
            {
                reason = EndReasons.DisplayUnreachable;
                await AnswerAsync(output, "502 Bad Gateway", VideoProblemCodes.DisplayUnreachable);
                return;
            }
            await output.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray());
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(session.Cut, connection.ConnectionClosed);
            await using var tcp = new NetworkStream(display, ownsSocket: false);
            await using var viewer = new DuplexPipeStream(connection.Transport);
            var up = StreamPump.RunAsync(viewer, tcp, session.AddFromClient, stop.Token);
            var down = StreamPump.RunAsync(tcp, viewer, session.AddToClient, stop.Token);
            var first = await Task.WhenAny(up, down);
            reason = session.Cut.IsCancellationRequested ? EndReasons.Cut : first == down ? EndReasons.DisplayClosed : EndReasons.ClientClosed;
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or ConnectionResetException)
            {
                // One side went away; the reason above says which.
            }
        }
        finally
        {
            sessions.Closed(session, reason);
        }
    }

    private static async Task AnswerAsync(PipeWriter output, string status, string code, string extraHeaders = "")
    {
        var body = code + "\n";
        var text = $"HTTP/1.1 {status}\r\n{extraHeaders}Content-Type: text/plain\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n{body}";
        await output.WriteAsync(Encoding.ASCII.GetBytes(text));
        await output.CompleteAsync();
    }

    /// <summary>The request head, or null when it is not HTTP (or longer than <see cref="MaxHeadBytes"/>).</summary>
    internal static async Task<Head?> ReadHeadAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            var end = Find(buffer);
            if (end is { } position)
            {
                var text = Encoding.Latin1.GetString(buffer.Slice(0, position));
                input.AdvanceTo(buffer.GetPosition(4, position));
                return Head.Parse(text);
            }
            if (buffer.Length > MaxHeadBytes || result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static SequencePosition? Find(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false) ? head.End : null;
    }

    /// <summary>A parsed CONNECT request head.</summary>
    internal sealed record Head(string Method, string Host, int? Port, string? Ticket)
    {
        public static Head? Parse(string text)
        {
            var lines = text.Split("\r\n");
            var request = lines[0].Split(' ');
            if (request.Length != 3 || !request[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                return null;
            }
            var (host, port) = Authority(request[1]);
            string? ticket = null;
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    ticket = BasicPassword(line[(colon + 1)..].Trim());
                }
            }
            return new Head(request[0], host, port, ticket);
        }

        private static (string Host, int? Port) Authority(string target)
        {
            var colon = target.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                return (target, null);
            }
            var host = target[..colon];
            return (host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, port);
        }

        // remote-viewer puts the .vv proxy URL's user:password here; the password is the ticket (URL-escaped in the URL).
        private static string? BasicPassword(string value)
        {
            if (!value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : Uri.UnescapeDataString(decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
