using System.Buffers;

namespace Hyperfleet.Video;

/// <summary>Copies bytes one way until the source ends, counting them; no buffering beyond one read.</summary>
internal static class StreamPump
{
    public const int BufferSize = 64 * 1024;

    public static async Task RunAsync(Stream from, Stream to, Action<long> counted, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
                await to.FlushAsync(ct);
                counted(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
