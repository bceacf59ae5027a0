using System.Collections.Concurrent;
using System.Threading.Channels;
using Hyperfleet.Libvirt;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Events;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// The live libvirt connections of the desktop hosts this engine holds Online, for the desktop lifecycle to use.
/// The engine's monitors attach a connection once the host is proven Online and detach it when it is lost (before
/// closing it). Every attach, detach and domain lifecycle event is also queued on <see cref="Signals"/>, in order,
/// for the one consumer that reconciles desktops.
/// </summary>
public sealed partial class HypervisorConnections(ILogger<HypervisorConnections> logger, EngineSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HypervisorConnection> live = new(StringComparer.Ordinal);
    private readonly Channel<HostSignal> signals = Channel.CreateUnbounded<HostSignal>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Attach, detach and lifecycle events, in the order they happened.</summary>
    public ChannelReader<HostSignal> Signals => signals.Reader;

    /// <summary>The live connection to a hypervisor, or null when it is not Online here.</summary>
    public HypervisorConnection? Get(string hypervisorId) => live.GetValueOrDefault(hypervisorId);

    /// <summary>Every live connection.</summary>
    public IReadOnlyCollection<HypervisorConnection> All => [.. live.Values];

    /// <summary>A monitor proved the host Online with this connection; it is used until <see cref="Detach"/>.</summary>
    public void Attach(string hypervisorId, LibvirtConnection libvirt, HypervisorFacts facts)
    {
        var connection = new HypervisorConnection(hypervisorId, libvirt, facts, new DomainLanes(libvirt.Uri, settings.DomainLanes, libvirt, time,
            e => LogNoLane(logger, hypervisorId, DomainLanes.OpenRetryAfter.TotalSeconds, e)));
        if (live.TryGetValue(hypervisorId, out var replaced))
        {
            replaced.Lanes.Dispose();
        }
        live[hypervisorId] = connection;
        try
        {
            // Runs on libvirt's event-loop thread: only queue, never block it.
            libvirt.DomainLifecycle += (_, e) => signals.Writer.TryWrite(new DomainLifecycleSignal(connection, e));
        }
        catch (LibvirtException e)
        {
            // Without events the periodic reconciliation still keeps desktops true, only slower.
            LogNoEvents(logger, hypervisorId, e);
        }
        catch (ObjectDisposedException)
        {
            // Lost and closed already; the monitor detaches it next.
        }
        signals.Writer.TryWrite(new HostOnlineSignal(connection));
        // The first start on this host should not wait for a lane's SSH handshake.
        _ = Task.Run(connection.Lanes.Warm);
    }

    /// <summary>The host was lost (or its monitor stopped); only the connection attached last is detached.</summary>
    public void Detach(string hypervisorId, LibvirtConnection libvirt, string reason, string detail)
    {
        if (live.TryGetValue(hypervisorId, out var current) && ReferenceEquals(current.Libvirt, libvirt)
            && live.TryRemove(KeyValuePair.Create(hypervisorId, current)))
        {
            current.Lanes.Dispose();
            signals.Writer.TryWrite(new HostLostSignal(hypervisorId, reason, detail));
        }
    }

    /// <summary>Whether <paramref name="connection"/> is still the one in use for its host (events of an older one are stale).</summary>
    public bool IsCurrent(HypervisorConnection connection) =>
        live.TryGetValue(connection.HypervisorId, out var current) && ReferenceEquals(current, connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a start lane to hypervisor {HypervisorId}; starts use the engine's connection for {Seconds} s")]
    private static partial void LogNoLane(ILogger logger, string hypervisorId, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No domain lifecycle events from hypervisor {HypervisorId}; desktops are kept true by periodic reconciliation only")]
    private static partial void LogNoEvents(ILogger logger, string hypervisorId, Exception exception);
}

/// <summary>A live libvirt connection to an Online desktop host.</summary>
/// <param name="HypervisorId">The hypervisor.</param>
/// <param name="Libvirt">Its connection (blocking calls: use off the request thread).</param>
/// <param name="Facts">What the engine read when it connected (KVM available, …).</param>
/// <param name="Lanes">Extra connections for domain starts, closed when the host is detached.</param>
public sealed record HypervisorConnection(string HypervisorId, LibvirtConnection Libvirt, HypervisorFacts Facts, DomainLanes Lanes)
{
    /// <summary>Runs a domain operation on one of the host's lanes (blocking: call it off the request thread).</summary>
    public T OnLane<T>(Func<LibvirtConnection, T> call, CancellationToken ct) => Lanes.Use(call, ct);
}

/// <summary>Something that happened to a desktop host, for the desktop reconciler.</summary>
public abstract record HostSignal(string HypervisorId);

/// <summary>The host is Online with a new connection: reconcile its desktops against its domains.</summary>
public sealed record HostOnlineSignal(HypervisorConnection Connection) : HostSignal(Connection.HypervisorId);

/// <summary>The host was lost or disconnected: what ran there is unknown until it is back.</summary>
public sealed record HostLostSignal(string Id, string Reason, string Detail) : HostSignal(Id);

/// <summary>A domain lifecycle event on the host.</summary>
public sealed record DomainLifecycleSignal(HypervisorConnection Connection, DomainLifecycleEventArgs Event) : HostSignal(Connection.HypervisorId);
