using System.Globalization;
using System.Net.Sockets;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// The video proxy against direct TCP and websockify, in one run (issue: video benchmark). Four paths to one display
/// — direct, the CONNECT tunnel, the WebSocket bridge, websockify — each measured per round by a bulk stream both ways
/// and 1-byte ping-pong, the paths alternating within every round so machine noise hits all alike; then idle sessions'
/// memory. The display, the proxy and websockify run as separate processes so each one's CPU and memory are its own.
/// </summary>
public sealed class VideoBenchmark(int rounds, long bytes, int pings, int idle, string? shapedRate)
{
    public async Task RunAsync()
    {
        var loadStart = Load();
        await using var shaped = shapedRate is null ? null : await ShapedLink.CreateAsync(shapedRate);
        IReadOnlyList<string> prefix = shaped is null ? [] : ShapedLink.Prefix;
        // Shaped: servers listen on every address of their namespace (the proxy dials 127.0.0.1, clients come over the veth).
        var bind = shaped is null ? "127.0.0.1" : "0.0.0.0";
        var address = shaped is null ? "127.0.0.1" : ShapedLink.ServerAddress;
        using var mint = new TicketMint();

        await using var display = HelperProcess.StartSelf(prefix, "video-display", bind);
        var displayPort = Port(await display.ReadLineAsync(), 1);
        await using var proxy = HelperProcess.StartSelf(prefix, "video-proxy", bind, Text($"{displayPort}"), mint.PublicKey);
        var ready = await proxy.ReadLineAsync();
        var websockifyPort = FreePort();
        await using var websockify = HelperProcess.StartOther(prefix, "websockify", Text($"{bind}:{websockifyPort}"), Text($"127.0.0.1:{displayPort}"));
        await WaitListeningAsync(address, websockifyPort);

        var paths = new[]
        {
            VideoPaths.Direct(address, displayPort, display),
            VideoPaths.Connect(address, Port(ready, 2), displayPort, mint, proxy, display),
            VideoPaths.Bridge(address, Port(ready, 1), displayPort, mint, proxy, display),
            VideoPaths.Websockify(address, websockifyPort, websockify, display),
        };
        var results = paths.Select(p => new PathResults(p)).ToArray();

        // Warm-up: every path once, small, so JIT and tiering are done before anything is timed.
        foreach (var path in paths)
        {
            await VideoMeasure.DownAsync(path, Math.Min(bytes, 32L << 20));
            await VideoMeasure.UpAsync(path, Math.Min(bytes, 32L << 20));
            await VideoMeasure.PingPongAsync(path, 500);
        }
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var r in results)
            {
                r.Downs.Add(await VideoMeasure.DownAsync(r.Path, bytes));
                r.Ups.Add(await VideoMeasure.UpAsync(r.Path, bytes));
                r.Pings.AddRange(await VideoMeasure.PingPongAsync(r.Path, pings));
            }
            Console.Error.WriteLine(Text($"round {round}: ") + string.Join("; ", results.Select(r =>
                Text($"{r.Path.Name} down {r.Downs[^1].MibPerSecond:N0} up {r.Ups[^1].MibPerSecond:N0} MiB/s"))));
        }

        var idleResults = new List<IdleSessions.Result>();
        if (idle > 0)
        {
            idleResults.Add(await IdleSessions.ProxyAsync(paths[2], proxy, idle));
            idleResults.Add(await IdleSessions.ExternalAsync(paths[3], websockify, idle));
        }
        var setting = new VideoReport.Setting(rounds, bytes, pings, idle, shaped is null ? "loopback" : $"a veth pair shaped to {shaped.Rate} (tbf both ways)",
            ready.Split(' ')[3], loadStart, Load());
        VideoReport.Print(setting, results, idleResults);
    }

    private static int Port(string ready, int field) =>
        ready.Split(' ') is ["ready", ..] parts && parts.Length > field
            ? int.Parse(parts[field], CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"a helper said '{ready}' instead of ready");

    // A port free here; in a fresh namespace every port is free.
    private static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitListeningAsync(string address, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(address, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
