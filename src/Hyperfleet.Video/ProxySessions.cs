using System.Collections.Concurrent;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Core.Video;

namespace Hyperfleet.Video;

/// <summary>
/// The one owner of the proxy's admission rule and of its sessions. A connection is admitted only for an allowed host
/// AND an allowed port AND a ticket signed by the control plane for exactly that host, port and protocol, not used
/// before. A browser ticket opens one connection; a SPICE ticket opens one session, whose further channels come from the
/// same client address while it is open. Nothing is dialled before admission.
/// </summary>
public sealed class ProxySessions(System.Security.Cryptography.ECDsa ticketKey, IVideoAllowList hosts, PortRanges ports, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ProxySession> open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> used = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ProxySession> ended = new();
    private readonly Lock admitting = new();

    /// <summary>Open sessions, for reports.</summary>
    public IReadOnlyCollection<ProxySession> Open => [.. open.Values];

    /// <summary>Admits one connection, or says why not (a <see cref="VideoProblemCodes"/> code).</summary>
    public (ProxySession? Session, string? Refusal) Admit(string host, int port, string? ticketText, ViewerProtocol protocol, string clientAddress)
    {
        if (!hosts.IsAllowed(host))
        {
            return (null, VideoProblemCodes.HostNotAllowed);
        }
        if (!ports.Contains(port))
        {
            return (null, VideoProblemCodes.PortNotAllowed);
        }
        var now = time.GetUtcNow();
        var check = ViewerTicketCodec.Verify(ticketText, ticketKey, now);
        if (check.Ticket is not { } ticket)
        {
            return (null, check.Refusal);
        }
        if (!string.Equals(ticket.Host, host, StringComparison.OrdinalIgnoreCase) || ticket.Port != port || ticket.Protocol != protocol)
        {
            return (null, VideoProblemCodes.TicketMismatch);
        }
        lock (admitting)
        {
            if (open.TryGetValue(ticket.Id, out var session))
            {
                // A later channel of an open SPICE session, from the viewer that opened it (even past the ticket's expiry).
                return protocol == ViewerProtocol.Spice && session.ClientAddress == clientAddress && session.TryAddChannel()
                    ? (session, null)
                    : (null, VideoProblemCodes.TicketReplayed);
            }
            if (!check.Accepted)
            {
                return (null, check.Refusal);
            }
            if (!used.TryAdd(ticket.Id, ticket.ExpiresAt))
            {
                return (null, VideoProblemCodes.TicketReplayed);
            }
            Prune(now);
            var created = new ProxySession(ticket, clientAddress, now);
            created.TryAddChannel();
            open[ticket.Id] = created;
            return (created, null);
        }
    }

    /// <summary>A connection of <paramref name="session"/> closed.</summary>
    public void Closed(ProxySession session, string reason)
    {
        if (session.ChannelClosed(reason, time.GetUtcNow()))
        {
            open.TryRemove(session.Ticket.Id, out _);
            ended.Enqueue(session);
        }
    }

    /// <summary>Cuts an open session; false when it is not open here.</summary>
    public bool Cut(string id, string reason)
    {
        if (!open.TryGetValue(id, out var session))
        {
            return false;
        }
        session.CutNow(reason);
        return true;
    }

    /// <summary>Ended sessions not yet handed to a report (taken once).</summary>
    internal List<ProxySession> TakeEnded()
    {
        var list = new List<ProxySession>();
        while (ended.TryDequeue(out var s))
        {
            list.Add(s);
        }
        return list;
    }

    // Used ids are kept until their ticket could no longer be opened anyway.
    private void Prune(DateTimeOffset now)
    {
        if (used.Count < 1024)
        {
            return;
        }
        foreach (var (id, expires) in used)
        {
            if (expires < now - TimeSpan.FromSeconds(5))
            {
                used.TryRemove(id, out _);
            }
        }
    }
}
