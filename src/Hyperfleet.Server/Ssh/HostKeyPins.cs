using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Ssh;

/// <summary>
/// Sets pinned host keys, always with a <c>host_key_pinned</c> history row that names who did it and the
/// fingerprints, so an operator can tell a first use from an admin's deliberate re-pin.
/// </summary>
public sealed partial class HostKeyPins(IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider time, ISshConnector ssh, ILogger<HostKeyPins> logger)
{
    /// <summary>The <c>hypervisor_events.kind</c> of every pin change.</summary>
    public const string EventKind = "host_key_pinned";

    // The engine bumps a hypervisor's version with every stats sample; a pin simply re-reads and retries.
    private const int Attempts = 5;

    /// <summary>
    /// Trust on first use: pins <paramref name="hostKey"/> when the hypervisor has no pin yet (and is not being
    /// deleted). Returns whether it pinned; an existing pin is never replaced here.
    /// </summary>
    public async Task<bool> PinIfUnpinnedAsync(string hypervisorId, string hostKey, string actor = "engine", CancellationToken ct = default)
    {
        var pinned = await PinAsync(q => q.Where(h => h.Id == hypervisorId), hostKey, actor,
            h => h.SshHostKey is null && h.Status != HypervisorStatus.Deleting ? "first connection: " + Fingerprint(hostKey) : null, ct);
        return pinned is { Count: 1 };
    }

    /// <summary>Pins a key just proven by <c>add-ssh-key</c> on every hypervisor registered at that host and port.</summary>
    public async Task<IReadOnlyList<string>> PinForHostAsync(string host, int port, string hostKey, string actor, CancellationToken ct)
    {
        var bare = host.Trim('[', ']');
        var pinned = await PinAsync(q => q.Where(h => h.SshPort == port && h.Status != HypervisorStatus.Deleting), hostKey, actor,
            h => string.Equals(h.Hostname.Trim('[', ']'), bare, StringComparison.OrdinalIgnoreCase)
                 && (h.SshHostKey is null || !SshPublicKeyText.SameKey(h.SshHostKey, hostKey))
                ? $"pinned by {actor} with add-ssh-key: {Describe(h.SshHostKey, hostKey)}"
                : null, ct);
        return pinned?.Select(h => h.Id).ToList() ?? [];
    }

    /// <summary>Reads the key the hypervisor presents now and pins it (an admin's decision after a host key change).</summary>
    public async Task<ServiceResult<HypervisorResponse>> RepinAsync(string id, string actor, CancellationToken ct)
    {
        SshTarget target;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            var h = await db.Hypervisors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (h is null)
            {
                return ServiceError.NotFound(id);
            }
            if (h.Status == HypervisorStatus.Deleting)
            {
                return Deleting(id);
            }
            target = new SshTarget(h.Hostname, h.SshPort, h.SshUser, null);
        }
        // Probe without a pin: we want whatever key the host presents now. The key arrives before authentication,
        // so even a host that no longer accepts our key can be re-pinned (the engine then reports the auth problem).
        var probe = await ssh.ProbeAsync(target, ct);
        if (probe.HostKey is null)
        {
            return new ServiceError(ServiceErrorKind.Invalid, probe.Reason ?? "ssh_unreachable", "Cannot read the host key", probe.Detail);
        }
        var pinned = await PinAsync(q => q.Where(h => h.Id == id), probe.HostKey, actor,
            h => h.Status == HypervisorStatus.Deleting ? null : $"re-pinned by {actor}: {Describe(h.SshHostKey, probe.HostKey)}", ct);
        if (pinned is null)
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.ConcurrentChange, "Changed concurrently",
                $"'{id}' kept changing while its host key was pinned; try again.");
        }
        return pinned.Count == 1 ? pinned[0].ToResponse() : await GoneOrDeletingAsync(id, ct);
    }

    /// <summary>
    /// Sets <paramref name="hostKey"/> on the selected rows for which <paramref name="detailIfPinning"/> returns a
    /// history detail, in one save. Returns the rows changed, or null when concurrent writers won every attempt.
    /// </summary>
    private async Task<IReadOnlyList<Hypervisor>?> PinAsync(Func<IQueryable<Hypervisor>, IQueryable<Hypervisor>> select,
        string hostKey, string actor, Func<Hypervisor, string?> detailIfPinning, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var changes = new List<(Hypervisor Hypervisor, HypervisorEvent Event)>();
            foreach (var h in await select(db.Hypervisors).ToListAsync(ct))
            {
                if (detailIfPinning(h) is { } detail)
                {
                    h.SshHostKey = hostKey;
                    h.Version++;
                    changes.Add((h, HypervisorHistory.Record(db, time, h, actor, EventKind, detail: detail)));
                }
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            foreach (var (h, evt) in changes)
            {
                LogPinned(logger, h.Id, actor, evt.Detail ?? "");
                feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt.ToResponse(), h.ToResponse()));
            }
            return changes.Select(c => c.Hypervisor).ToList();
        }
        return null;
    }

    private async Task<ServiceError> GoneOrDeletingAsync(string id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        return await db.Hypervisors.AnyAsync(h => h.Id == id, ct) ? Deleting(id) : ServiceError.NotFound(id);
    }

    private static ServiceError Deleting(string id) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.HypervisorDeleting, "Hypervisor is being deleted",
            $"'{id}' is being deleted; its host key is no longer managed.");

    private static string Fingerprint(string key) => HostKeyFingerprint.Sha256(key) ?? "(unparsable key)";

    private static string Describe(string? old, string now) => old switch
    {
        null => Fingerprint(now),
        _ when SshPublicKeyText.SameKey(old, now) => $"{Fingerprint(now)} (unchanged)",
        _ => $"{Fingerprint(old)} → {Fingerprint(now)}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Host key of hypervisor {HypervisorId} pinned by {Actor}: {Detail}")]
    private static partial void LogPinned(ILogger logger, string hypervisorId, string actor, string detail);
}
