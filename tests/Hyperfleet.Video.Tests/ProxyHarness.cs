using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Video;

namespace Hyperfleet.Video.Tests;

/// <summary>A real proxy on loopback ports with a fake display behind it, a ticket key, and clients of both kinds.</summary>
public sealed class ProxyHarness : IAsyncDisposable
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public FakeDisplay Display { get; } = new();
    public TestSink Sink { get; } = new();
    public VideoProxy Proxy { get; }

    private ProxyHarness()
    {
        var options = new VideoProxyOptions
        {
            BrowserEndpoint = "127.0.0.1:0",
            SpiceEndpoint = "127.0.0.1:0",
            // Exactly the display's port: any other is outside the range.
            AllowedPorts = Display.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReportInterval = TimeSpan.FromMilliseconds(100),
        };
        var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(Key.ExportSubjectPublicKeyInfo(), out _);
        Proxy = VideoProxy.Create(options, verifier, new AllowList(["127.0.0.1"]), Sink, certificate: null);
    }

    public static async Task<ProxyHarness> StartAsync()
    {
        var harness = new ProxyHarness();
        await harness.Proxy.StartAsync();
        return harness;
    }

    public string Ticket(ViewerProtocol protocol, int? port = null, string host = "127.0.0.1", TimeSpan? lifetime = null, ECDsa? key = null,
        DateTimeOffset? issued = null)
    {
        var now = issued ?? DateTimeOffset.UtcNow;
        return ViewerTicketCodec.Sign(new ViewerTicket(Guid.NewGuid().ToString("N"), "alice", "d1", "hv1", host, port ?? Display.Port, protocol,
            now, now + (lifetime ?? TimeSpan.FromSeconds(30))), key ?? Key);
    }

    public async Task<ClientWebSocket> OpenWebSocketAsync(string path, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("binary");
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Proxy.BrowserPort}{path}"), CancellationToken.None);
        return socket;
    }

    /// <summary>A raw CONNECT; returns the client and the proxy's answer head (and body for refusals).</summary>
    public async Task<(TcpClient Client, string Answer)> ConnectAsync(string target, string? ticket)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Proxy.SpicePort);
        var stream = client.GetStream();
        var auth = ticket is null ? "" : $"Proxy-Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("ticket:" + ticket))}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {target} HTTP/1.0\r\nHost: {target}\r\n{auth}\r\n"));
        var answer = new StringBuilder();
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, timeout.Token) > 0)
        {
            answer.Append((char)buffer[0]);
        }
        if (!answer.ToString().StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            var rest = new byte[4096];
            var read = await stream.ReadAsync(rest, timeout.Token);
            answer.Append(Encoding.ASCII.GetString(rest, 0, read));
        }
        return (client, answer.ToString());
    }

    public static async Task<byte[]> ReceiveAsync(ClientWebSocket socket, int count)
    {
        var result = new List<byte>();
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (result.Count < count)
        {
            var r = await socket.ReceiveAsync(buffer, timeout.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
            result.AddRange(buffer.AsSpan(0, r.Count).ToArray());
        }
        return [.. result];
    }

    public static async Task<byte[]> ReadAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Display.DisposeAsync();
        Key.Dispose();
    }
}
