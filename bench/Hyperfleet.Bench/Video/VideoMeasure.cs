using System.Diagnostics;

namespace Hyperfleet.Bench.Video;

/// <summary>The timed operations on one path: a bulk stream either way, and 1-byte ping-pong.</summary>
public static class VideoMeasure
{
    private const int Chunk = 64 * 1024;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>One bulk transfer: elapsed wall time, the carrier's CPU over it, and everyone's (client, display, carrier).</summary>
    public sealed record Transfer(long Bytes, TimeSpan Elapsed, TimeSpan CarrierCpu, TimeSpan AllCpu)
    {
        public double MibPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;
    }

    /// <summary>The display sends <paramref name="bytes"/>; timed from the request to the last byte received.</summary>
    public static async Task<Transfer> DownAsync(VideoPath path, long bytes)
    {
        using var limit = new CancellationTokenSource(Limit);
        await using var link = await path.OpenAsync(limit.Token);
        var buffer = new byte[Chunk];
        var cpu = Cpu(path);
        var start = Stopwatch.GetTimestamp();
        await link.SendAsync(BenchDisplay.Command(BenchDisplay.Send, bytes), limit.Token);
        for (var left = bytes; left > 0;)
        {
            var read = await link.ReceiveAsync(buffer, limit.Token);
            left -= read > 0 ? read : throw new EndOfStreamException($"{path.Name}: display→client stream ended {left} bytes short");
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        var used = Cpu(path);
        return new Transfer(bytes, elapsed, used.Carrier - cpu.Carrier, used.All - cpu.All);
    }

    /// <summary>The client sends <paramref name="bytes"/> in 64 KiB writes (messages); timed until the display says it has them all.</summary>
    public static async Task<Transfer> UpAsync(VideoPath path, long bytes)
    {
        using var limit = new CancellationTokenSource(Limit);
        await using var link = await path.OpenAsync(limit.Token);
        var buffer = new byte[Chunk];
        Random.Shared.NextBytes(buffer);
        var cpu = Cpu(path);
        var start = Stopwatch.GetTimestamp();
        await link.SendAsync(BenchDisplay.Command(BenchDisplay.Receive, bytes), limit.Token);
        for (var left = bytes; left > 0; left -= Chunk)
        {
            await link.SendAsync(buffer.AsMemory(0, (int)Math.Min(Chunk, left)), limit.Token);
        }
        if (await link.ReceiveAsync(buffer, limit.Token) != 1 || buffer[0] != BenchDisplay.Done)
        {
            throw new InvalidDataException($"{path.Name}: the display did not confirm the upload");
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        var used = Cpu(path);
        return new Transfer(bytes, elapsed, used.Carrier - cpu.Carrier, used.All - cpu.All);
    }

    /// <summary>Round trips of one byte through an echo, after a warm-up; each in stopwatch ticks.</summary>
    public static async Task<long[]> PingPongAsync(VideoPath path, int count, int warmUp = 200)
    {
        using var limit = new CancellationTokenSource(Limit);
        await using var link = await path.OpenAsync(limit.Token);
        await link.SendAsync(BenchDisplay.Command(BenchDisplay.Echo), limit.Token);
        var one = new byte[] { 42 };
        var answer = new byte[16];
        var times = new long[count];
        for (var i = -warmUp; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await link.SendAsync(one, limit.Token);
            if (await link.ReceiveAsync(answer, limit.Token) != 1)
            {
                throw new InvalidDataException($"{path.Name}: the echo answered other than one byte");
            }
            if (i >= 0)
            {
                times[i] = Stopwatch.GetTimestamp() - start;
            }
        }
        return times;
    }

    // This process holds only clients; the display is counted once when it is the carrier too (direct).
    private static (TimeSpan Carrier, TimeSpan All) Cpu(VideoPath path)
    {
        using var self = Process.GetCurrentProcess();
        var carrier = path.Carrier.Cpu;
        return (carrier, self.TotalProcessorTime + carrier + (ReferenceEquals(path.Carrier, path.Display) ? TimeSpan.Zero : path.Display.Cpu));
    }
}
