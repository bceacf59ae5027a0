using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// The "display" behind every path (helper subcommand <c>video-display ADDRESS</c>): a TCP server whose client says in
/// its first byte what it wants, <c>E</c> echo (ping-pong), <c>S</c>+count send that many bytes (display→client, what
/// video is), <c>R</c>+count read that many then answer one byte (client→display), <c>I</c> idle until closed.
/// </summary>
public static class BenchDisplay
{
    public const byte Echo = (byte)'E';
    public const byte Send = (byte)'S';
    public const byte Receive = (byte)'R';
    public const byte Idle = (byte)'I';
    public const byte Done = (byte)'K';
    private const int Chunk = 64 * 1024;

    /// <summary>Listens on <paramref name="address"/> (any port), says <c>ready PORT</c>, and serves until stdin closes.</summary>
    public static async Task<int> RunAsync(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start(1024);
        using var stop = new CancellationTokenSource();
        var accepting = AcceptAsync(listener, stop.Token);
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port.ToString("'ready '0", CultureInfo.InvariantCulture));
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            Console.WriteLine("?");
        }
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        return 0;
    }

    /// <summary>The command a client sends first: one byte, then for S and R the count, big-endian.</summary>
    public static byte[] Command(byte what, long count = 0)
    {
        var command = new byte[what is Send or Receive ? 9 : 1];
        command[0] = what;
        if (command.Length > 1)
        {
            BinaryPrimitives.WriteInt64BigEndian(command.AsSpan(1), count);
        }
        return command;
    }

    private static async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(ct);
                _ = ServeAsync(socket, ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[Chunk];
        Random.Shared.NextBytes(buffer);
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, 1), ct);
            var what = buffer[0];
            var count = 0L;
            if (what is Send or Receive)
            {
                await stream.ReadExactlyAsync(buffer.AsMemory(0, 8), ct);
                count = BinaryPrimitives.ReadInt64BigEndian(buffer);
            }
            switch (what)
            {
                case Echo:
                    int read;
                    while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                    {
                        await stream.WriteAsync(buffer.AsMemory(0, read), ct);
                    }
                    break;
                case Send:
                    for (var left = count; left > 0; left -= Chunk)
                    {
                        await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(Chunk, left)), ct);
                    }
                    break;
                case Receive:
                    for (var left = count; left > 0;)
                    {
                        var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(Chunk, left)), ct);
                        left -= n > 0 ? n : throw new EndOfStreamException();
                    }
                    await stream.WriteAsync(new[] { Done }, ct);
                    break;
                default:
                    while (await stream.ReadAsync(buffer, ct) > 0)
                    {
                    }
                    break;
            }
            // Let the client close first, so the last bytes are not cut by a reset.
            while (await stream.ReadAsync(buffer, ct) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
        {
        }
    }
}
