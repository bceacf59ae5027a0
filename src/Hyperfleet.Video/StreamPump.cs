using System.Buffers;
using System.Net.Sockets;

namespace Hyperfleet.Video;

/// <summary>
/// Copies bytes one way until the source ends, counting them; no buffering beyond one read. An idle direction holds
/// no buffer (a session is mostly idle: most of a proxy's memory would otherwise be two 64 KiB buffers per session).
/// </summary>
internal static class StreamPump
{
    public const int BufferSize = 256 * 1024;

    private const int SmallBuffer = 4 * 1024;

    public static async Task RunAsync(Stream from, Stream to, Action<long> counted, CancellationToken ct)
    {
        while (true)
        {
            await WaitForDataAsync(from, ct);
            var buffer = Rent(from);
            try
            {
                do
                {
                    var read = await from.ReadAsync(buffer, ct);
                    if (read == 0)
                    {
                        return;
                    }
                    await to.WriteAsync(buffer.AsMemory(0, read), ct);
                    await to.FlushAsync(ct);
                    counted(read);
                }
                while (HasMore(from));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>A zero-byte read: completes when data (or the end) arrives, takes nothing, needs no buffer.</summary>
    public static async Task WaitForDataAsync(Stream from, CancellationToken ct)
    {
#pragma warning disable CA2022 // a zero-byte read reads nothing by design
        await from.ReadAsync(Memory<byte>.Empty, ct);
#pragma warning restore CA2022
    }

    /// <summary>A buffer for what is waiting: a keystroke or a cursor move takes a small one, a screen update a large one.</summary>
    public static byte[] Rent(Stream from) =>
        ArrayPool<byte>.Shared.Rent(from is NetworkStream network ? Math.Clamp(network.Socket.Available, SmallBuffer, BufferSize) : BufferSize);

    /// <summary>While a socket has more bytes waiting the buffer is kept (a busy stream costs no extra wait per read).</summary>
    public static bool HasMore(Stream from) => from is NetworkStream network && network.DataAvailable;
}
