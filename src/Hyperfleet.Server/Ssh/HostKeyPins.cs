using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Ssh;

/// <summary>Sets pinned host keys, always with a history row that names who did it and the fingerprints.</summary>
public sealed class HostKeyPins(IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider time, ISshConnector ssh)
{
    /// <summary>Pins a key just proven by <c>add-ssh-key</c> on every hypervisor registered at that host and port.</summary>
    public async Task<IReadOnlyList<string>> PinForHostAsync(string host, int port, string hostKey, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var rows = await db.Hypervisors.Where(h => h.Hostname == host && h.SshPort == port && h.Status != HypervisorStatus.Deleting).ToListAsync(ct);
        var changed = new List<(Hypervisor, HypervisorEvent)>();
        foreach (var h in rows.Where(h => h.SshHostKey is null || !SshConnector.SameKey(h.SshHostKey, hostKey)))
        {
            changed.Add((h, Pin(db, h, hostKey, actor, $"pinned by {actor} with add-ssh-key: {Describe(h.SshHostKey, hostKey)}")));
        }
        await db.SaveChangesAsync(ct);
        Publish(changed);
        return changed.Select(c => c.Item1.Id).ToList();
    }

    /// <summary>Reads the key the hypervisor presents now and pins it (an admin's decision after a host key change).</summary>
    public async Task<ServiceResult<HypervisorResponse>> RepinAsync(string id, string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return ServiceError.NotFound(id);
        }
        if (h.Status == HypervisorStatus.Deleting)
        {
            return new ServiceError(ServiceErrorKind.Conflict, Contracts.Problems.ProblemCodes.HypervisorDeleting, "Hypervisor is being deleted");
        }
        // Probe without a pin: we want whatever key the host presents now (authentication may still fail; the key is read first).
        var probe = await ssh.ProbeAsync(new SshTarget(h.Hostname, h.SshPort, h.SshUser, null), ct);
        if (probe.HostKey is null)
        {
            return new ServiceError(ServiceErrorKind.Invalid, probe.Reason ?? "ssh_unreachable", "Cannot read the host key", probe.Detail);
        }
        var evt = Pin(db, h, probe.HostKey, actor, $"re-pinned by {actor}: {Describe(h.SshHostKey, probe.HostKey)}");
        await db.SaveChangesAsync(ct);
        Publish([(h, evt)]);
        return h.ToResponse();
    }

    private HypervisorEvent Pin(HyperfleetDbContext db, Hypervisor h, string hostKey, string actor, string detail)
    {
        h.SshHostKey = hostKey;
        h.Version++;
        return HypervisorHistory.Record(db, time, h, actor, "host_key_pinned", detail: detail);
    }

    private void Publish(IEnumerable<(Hypervisor Hypervisor, HypervisorEvent Event)> changes)
    {
        foreach (var (h, evt) in changes)
        {
            feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt.ToResponse(), h.ToResponse()));
        }
    }

    private static string Describe(string? old, string now) =>
        old is null ? HostKeyFingerprint.Sha256(now)! : $"{HostKeyFingerprint.Sha256(old)} → {HostKeyFingerprint.Sha256(now)}";
}
