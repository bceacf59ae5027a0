using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Video.Tests;

/// <summary>The proxy with real sockets: bytes bridged both ways, every refusal with its code and no byte to the display, sessions reported and cut.</summary>
public sealed class VideoProxyTests
{
    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string because) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException(because);
    }

    [Fact]
    public async Task WebSocket_AdmittedTicket_BridgesBothWaysAndReportsTheSession()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var ticket = harness.Ticket(ViewerProtocol.Browser);

        using var socket = await harness.OpenWebSocketAsync($"/127.0.0.1/{harness.Display.Port}/{ticket}");
        var greeting = await ProxyHarness.ReceiveAsync(socket, FakeDisplay.Greeting.Length);
        await socket.SendAsync(Encoding.ASCII.GetBytes("hello"), WebSocketMessageType.Binary, true, CancellationToken.None);
        var echo = await ProxyHarness.ReceiveAsync(socket, 5);

        Assert.Equal(FakeDisplay.Greeting, greeting);
        Assert.Equal("hello", Encoding.ASCII.GetString(echo));
        Assert.Equal("binary", socket.SubProtocol);
        var report = await EventuallyAsync(() => harness.Sink.Last(harness.Proxy.Sessions.Open.Single().Ticket.Id) is { BytesToClient: >= 17 } r ? r : null, "a report with the bytes");
        Assert.Equal((5L, "127.0.0.1"), (report.BytesFromClient, report.ClientAddress));
    }

    [Fact]
    public async Task Connect_AdmittedTicket_TunnelsBothWays()
    {
        await using var harness = await ProxyHarness.StartAsync();

        var (client, answer) = await harness.ConnectAsync($"127.0.0.1:{harness.Display.Port}", harness.Ticket(ViewerProtocol.Spice));
        using (client)
        {
            var stream = client.GetStream();
            var greeting = await ProxyHarness.ReadAsync(stream, FakeDisplay.Greeting.Length);
            await stream.WriteAsync("ping"u8.ToArray());
            var echo = await ProxyHarness.ReadAsync(stream, 4);

            Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
            Assert.Equal(FakeDisplay.Greeting, greeting);
            Assert.Equal("ping", Encoding.ASCII.GetString(echo));
        }
    }

    public static TheoryData<string> WebSocketRefusals =>
    [
        VideoProblemCodes.HostNotAllowed, VideoProblemCodes.PortNotAllowed, VideoProblemCodes.TicketExpired, VideoProblemCodes.TicketForged,
        VideoProblemCodes.TicketMismatch, VideoProblemCodes.TicketMalformed, "wrong-protocol", VideoProblemCodes.OriginNotAllowed,
    ];

    [Theory]
    [MemberData(nameof(WebSocketRefusals))]
    public async Task WebSocket_Refused_SaysWhyAndNeverReachesTheDisplay(string refusal)
    {
        await using var harness = await ProxyHarness.StartAsync();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var port = harness.Display.Port;
        var (path, origin, code) = refusal switch
        {
            VideoProblemCodes.HostNotAllowed => ($"/10.9.9.9/{port}/{harness.Ticket(ViewerProtocol.Browser, host: "10.9.9.9")}", null, refusal),
            VideoProblemCodes.PortNotAllowed => ($"/127.0.0.1/22/{harness.Ticket(ViewerProtocol.Browser, port: 22)}", null, refusal),
            VideoProblemCodes.TicketExpired => ($"/127.0.0.1/{port}/{harness.Ticket(ViewerProtocol.Browser, issued: DateTimeOffset.UtcNow.AddMinutes(-2))}", null, refusal),
            VideoProblemCodes.TicketForged => ($"/127.0.0.1/{port}/{harness.Ticket(ViewerProtocol.Browser, key: other)}", null, refusal),
            VideoProblemCodes.TicketMismatch => ($"/127.0.0.1/{port}/{harness.Ticket(ViewerProtocol.Browser, port: port + 1)}", null, refusal),
            VideoProblemCodes.TicketMalformed => ($"/127.0.0.1/{port}/not-a-ticket", null, refusal),
            "wrong-protocol" => ($"/127.0.0.1/{port}/{harness.Ticket(ViewerProtocol.Spice)}", null, VideoProblemCodes.TicketMismatch),
            _ => ($"/127.0.0.1/{port}/{harness.Ticket(ViewerProtocol.Browser)}", "https://evil.example", VideoProblemCodes.OriginNotAllowed),
        };

        var error = await Assert.ThrowsAsync<WebSocketException>(() => harness.OpenWebSocketAsync(path, origin));

        Assert.Contains(code, await ProblemBodyAsync(harness, path, origin), StringComparison.Ordinal);
        Assert.NotNull(error);
        Assert.Equal(0, harness.Display.Accepted);
    }

    [Fact]
    public async Task WebSocket_SecondUse_IsReplayed()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var path = $"/127.0.0.1/{harness.Display.Port}/{harness.Ticket(ViewerProtocol.Browser)}";
        using var first = await harness.OpenWebSocketAsync(path);

        Assert.Contains(VideoProblemCodes.TicketReplayed, await ProblemBodyAsync(harness, path, null), StringComparison.Ordinal);
        Assert.Equal(1, harness.Display.Accepted);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("host")]
    [InlineData("port")]
    [InlineData("browser")]
    public async Task Connect_Refused_SaysWhyAndNeverReachesTheDisplay(string refusal)
    {
        await using var harness = await ProxyHarness.StartAsync();
        var port = harness.Display.Port;
        var (target, ticket, status, code) = refusal switch
        {
            "none" => ($"127.0.0.1:{port}", null, "407", VideoProblemCodes.TicketMissing),
            "host" => ($"10.9.9.9:{port}", harness.Ticket(ViewerProtocol.Spice, host: "10.9.9.9"), "403", VideoProblemCodes.HostNotAllowed),
            "port" => ("127.0.0.1:22", harness.Ticket(ViewerProtocol.Spice, port: 22), "403", VideoProblemCodes.PortNotAllowed),
            _ => ($"127.0.0.1:{port}", harness.Ticket(ViewerProtocol.Browser), "403", VideoProblemCodes.TicketMismatch),
        };

        var (client, answer) = await harness.ConnectAsync(target, ticket);
        client.Dispose();

        Assert.StartsWith($"HTTP/1.1 {status}", answer, StringComparison.Ordinal);
        Assert.Contains(code, answer, StringComparison.Ordinal);
        Assert.Equal(0, harness.Display.Accepted);
    }

    [Fact]
    public async Task Connect_SpiceChannels_SameViewerWhileOpenButNotAfter()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var target = $"127.0.0.1:{harness.Display.Port}";
        var ticket = harness.Ticket(ViewerProtocol.Spice);

        var (main, first) = await harness.ConnectAsync(target, ticket);
        var (display, second) = await harness.ConnectAsync(target, ticket);
        Assert.StartsWith("HTTP/1.1 200", first, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", second, StringComparison.Ordinal);
        Assert.Single(harness.Proxy.Sessions.Open);
        main.Dispose();
        display.Dispose();
        await EventuallyAsync(() => harness.Proxy.Sessions.Open.Count == 0 ? "" : null, "the session to end with its last channel");

        var (late, third) = await harness.ConnectAsync(target, ticket);
        late.Dispose();
        Assert.Contains(VideoProblemCodes.TicketReplayed, third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cut_FromTheControlPlanesAnswer_ClosesTheConnectionAndReportsWhy()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var ticket = harness.Ticket(ViewerProtocol.Browser);
        using var socket = await harness.OpenWebSocketAsync($"/127.0.0.1/{harness.Display.Port}/{ticket}");
        await ProxyHarness.ReceiveAsync(socket, FakeDisplay.Greeting.Length);
        var id = harness.Proxy.Sessions.Open.Single().Ticket.Id;

        harness.Sink.ToCut[id] = true;

        var ended = await EventuallyAsync(() => harness.Sink.Last(id) is { EndedAt: not null } r ? r : null, "an ended report");
        Assert.Equal(EndReasons.Cut, ended.EndReason);
        // The viewer gets a proper close frame that says why (noVNC shows it), not a reset.
        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal((WebSocketCloseStatus.NormalClosure, EndReasons.Cut), (result.CloseStatus, result.CloseStatusDescription));
    }

    [Fact]
    public async Task WebSocket_TwoHundredIdleSessions_AllStayOpen()
    {
        await using var harness = await ProxyHarness.StartAsync();
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                var socket = await harness.OpenWebSocketAsync($"/127.0.0.1/{harness.Display.Port}/{harness.Ticket(ViewerProtocol.Browser)}");
                await ProxyHarness.ReceiveAsync(socket, FakeDisplay.Greeting.Length);
                sockets.Add(socket);
            }
            await Task.Delay(500);
            foreach (var socket in sockets)
            {
                await socket.SendAsync("x"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
                Assert.Equal("x", Encoding.ASCII.GetString(await ProxyHarness.ReceiveAsync(socket, 1)));
            }
            Assert.Equal(200, harness.Proxy.Sessions.Open.Count);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    private static async Task<string> ProblemBodyAsync(ProxyHarness harness, string path, string? origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{harness.Proxy.BrowserPort}{path}");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
