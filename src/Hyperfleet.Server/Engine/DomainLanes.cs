using System.Collections.Concurrent;
using Hyperfleet.Libvirt;
using Hyperfleet.Libvirt.Errors;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// A few extra libvirt connections to one desktop host, for domain starts. Round trips on one connection are
/// serialized (see <see cref="LibvirtConnection"/>), so a classroom started at once would queue behind a single
/// connection while libvirtd could start several domains side by side; lanes give it up to
/// <c>Hyperfleet:Engine:DomainLanes</c> starts in flight per host. Lanes open on first use (same URI as the
/// engine's connection; one is opened ahead when the host comes Online), carry a lenient keepalive (failure detection
/// stays with the engine's own connection), close after a minute idle except the last one, and all close when the
/// host is lost. A lane that cannot be opened (sshd throttling new logins, say) never fails a start: the call runs on
/// the engine's own connection instead, and no lane is tried again for <see cref="OpenRetryAfter"/>.
/// </summary>
public sealed class DomainLanes(string uri, int count, LibvirtConnection fallback, TimeProvider time, Action<Exception>? openFailed = null)
    : IDisposable
{
    private static readonly TimeSpan IdleClose = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan OpenRetryAfter = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim slots = new(Math.Max(1, count), Math.Max(1, count));
    private readonly ConcurrentBag<(LibvirtConnection Connection, DateTimeOffset LastUsed)> idle = [];
    private long noLaneUntilTicks;
    private volatile bool disposed;

    /// <summary>Lanes open and waiting for a start.</summary>
    public int IdleLanes => idle.Count;

    /// <summary>Runs <paramref name="call"/> on a free lane, or on the engine's own connection when no lane can be
    /// opened (blocking; call it off the request thread).</summary>
    /// <exception cref="LibvirtException">The call failed.</exception>
    /// <exception cref="ObjectDisposedException">The host was lost meanwhile.</exception>
    public T Use<T>(Func<LibvirtConnection, T> call, CancellationToken ct)
    {
        slots.Wait(ct);
        LibvirtConnection? lane = null;
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            lane = TakeIdle() ?? TryOpen();
            if (lane is null)
            {
                return call(fallback);
            }
            var result = call(lane);
            Return(lane);
            lane = null;
            return result;
        }
        catch (LibvirtException) when (lane is not null && !SafeIsAlive(lane))
        {
            lane.Dispose();
            lane = null;
            throw;
        }
        finally
        {
            if (lane is not null)
            {
                Return(lane);
            }
            slots.Release();
        }
    }

    /// <summary>
    /// Opens one lane ahead of the first start, so that start does not pay for an SSH handshake and a libvirt login
    /// (blocking; call it off the request thread). Does nothing when a lane is idle already or all are in use.
    /// </summary>
    public void Warm()
    {
        if (disposed || !idle.IsEmpty || !slots.Wait(0))
        {
            return;
        }
        try
        {
            if (TryOpen() is { } lane)
            {
                Return(lane);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    // Lanes idle for longer than IdleClose are closed as they are found, except the last one: one lane stays warm.
    private LibvirtConnection? TakeIdle()
    {
        var now = time.GetUtcNow();
        while (idle.TryTake(out var entry))
        {
            if (SafeIsAlive(entry.Connection) && (now - entry.LastUsed < IdleClose || idle.IsEmpty))
            {
                return entry.Connection;
            }
            entry.Connection.Dispose();
        }
        return null;
    }

    private LibvirtConnection? TryOpen()
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref noLaneUntilTicks))
        {
            return null;
        }
        LibvirtConnection connection;
        try
        {
            connection = LibvirtConnection.Open(uri);
        }
        catch (LibvirtException e)
        {
            Interlocked.Exchange(ref noLaneUntilTicks, (time.GetUtcNow() + OpenRetryAfter).UtcTicks);
            openFailed?.Invoke(e);
            return null;
        }
        try
        {
            connection.SetKeepAlive(5, 3);
        }
        catch (LibvirtException)
        {
            // A driver without keepalive still serves the lane.
        }
        return connection;
    }

    private void Return(LibvirtConnection lane)
    {
        if (disposed)
        {
            lane.Dispose();
            return;
        }
        idle.Add((lane, time.GetUtcNow()));
    }

    private static bool SafeIsAlive(LibvirtConnection connection)
    {
        try
        {
            return connection.IsAlive;
        }
        catch (Exception e) when (e is LibvirtException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Closes every idle lane; lanes in use close when their call returns.</summary>
    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var entry))
        {
            entry.Connection.Dispose();
        }
    }
}
