using Hyperfleet.Core.Video;

namespace Hyperfleet.Video;

/// <summary>
/// One viewer session as the proxy carries it: the connections its ticket opened (one for noVNC, one per channel for
/// SPICE), bytes each way summed over them, and how it ended. Cutting it closes every connection at once.
/// </summary>
public sealed class ProxySession(ViewerTicket ticket, string clientAddress, DateTimeOffset startedAt) : IDisposable
{
    private readonly CancellationTokenSource cut = new();
    private readonly Lock gate = new();
    private int channels;
    private long toClient;
    private long fromClient;

    public ViewerTicket Ticket { get; } = ticket;
    public string ClientAddress { get; } = clientAddress;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    /// <summary>Cancelled when the session is cut: every bridge of it stops.</summary>
    public CancellationToken Cut => cut.Token;

    public long BytesToClient => Interlocked.Read(ref toClient);
    public long BytesFromClient => Interlocked.Read(ref fromClient);

    public void AddToClient(long bytes) => Interlocked.Add(ref toClient, bytes);
    public void AddFromClient(long bytes) => Interlocked.Add(ref fromClient, bytes);

    /// <summary>Another connection of this session (a SPICE channel); false once it ended.</summary>
    internal bool TryAddChannel()
    {
        lock (gate)
        {
            if (EndedAt is not null)
            {
                return false;
            }
            channels++;
            return true;
        }
    }

    /// <summary>A connection closed; the session ends with its last one. True when this ended it.</summary>
    internal bool ChannelClosed(string reason, DateTimeOffset now)
    {
        lock (gate)
        {
            channels--;
            if (channels > 0 || EndedAt is not null)
            {
                return false;
            }
            EndedAt = now;
            EndReason ??= reason;
            return true;
        }
    }

    public void Dispose() => cut.Dispose();

    /// <summary>Closes every connection of the session, recording why.</summary>
    public void CutNow(string reason)
    {
        lock (gate)
        {
            EndReason ??= reason;
        }
        cut.Cancel();
    }
}
