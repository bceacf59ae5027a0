using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Hypervisors;

/// <summary>
/// Every change to a hypervisor goes through here, so that each one writes its history row in the same
/// transaction and is pushed to subscribers once committed.
/// </summary>
public sealed class HypervisorService(HyperfleetDbContext db, ChangeFeed feed, TimeProvider time)
{
    public async Task<IReadOnlyList<HypervisorResponse>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Hypervisors.AsNoTracking().OrderBy(h => h.Id).ToListAsync(ct);
        return rows.Select(h => h.ToResponse()).ToList();
    }

    public async Task<ServiceResult<HypervisorResponse>> GetAsync(string id, CancellationToken ct)
    {
        var h = await db.Hypervisors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return h is null ? ServiceError.NotFound(id) : h.ToResponse();
    }

    public async Task<ServiceResult<HypervisorResponse>> AddAsync(AddHypervisorRequest request, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNowForStorage();
        var h = new Hypervisor { Id = request.Id ?? "", Hostname = "", StatusSince = now, CreatedAt = now };
        var errors = new List<FieldError>();
        HypervisorRequestApplier.Apply(h, request, errors);
        errors.AddRange(HypervisorValidator.Validate(h));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }
        if (await db.Hypervisors.AnyAsync(x => x.Id == h.Id, ct))
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.AlreadyExists, "Hypervisor exists",
                $"A hypervisor '{h.Id}' already exists; edit it instead.");
        }
        db.Hypervisors.Add(h);
        await Storage.DefaultPool.JoinAsync(db, h.Id, ct);
        var evt = Record(h, actor, "added", detail: $"{HypervisorMapper.ToResponse(h).Type} at {h.Hostname}:{h.SshPort}");
        return await CommitAsync(h, evt, ct);
    }

    /// <summary>
    /// An admin's change loses a race against the engine's own writes (stats every few seconds, status changes):
    /// read the row again and re-decide, a few times, instead of answering 409 for a conflict the admin never saw.
    /// </summary>
    private async Task<ServiceResult<T>> RetryOnConcurrentChangeAsync<T>(Func<Task<ServiceResult<T>>> attempt)
    {
        for (var i = 1; ; i++)
        {
            var result = await attempt();
            if (result.Error is not { Code: ProblemCodes.ConcurrentChange } || i == 5)
            {
                return result;
            }
            db.ChangeTracker.Clear();
        }
    }

    public Task<ServiceResult<HypervisorResponse>> EditAsync(string id, EditHypervisorRequest request, string actor, CancellationToken ct) =>
        RetryOnConcurrentChangeAsync(() => EditOnceAsync(id, request, actor, ct));

    public Task<ServiceResult<HypervisorResponse>> SetEnabledAsync(string id, bool enabled, string actor, CancellationToken ct) =>
        RetryOnConcurrentChangeAsync(() => SetEnabledOnceAsync(id, enabled, actor, ct));

    public Task<ServiceResult<HypervisorResponse?>> DeleteAsync(string id, bool force, string actor, CancellationToken ct) =>
        RetryOnConcurrentChangeAsync(() => DeleteOnceAsync(id, force, actor, ct));

    private async Task<ServiceResult<HypervisorResponse>> EditOnceAsync(string id, EditHypervisorRequest request, string actor, CancellationToken ct)
    {
        var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return ServiceError.NotFound(id);
        }
        if (h.Status == HypervisorStatus.Online)
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.HypervisorOnline, "Hypervisor is online",
                $"Disable '{id}' first; it can be edited while Offline or in Error.");
        }
        if (h.Status == HypervisorStatus.Deleting)
        {
            return Deleting(id);
        }
        var errors = new List<FieldError>();
        HypervisorRequestApplier.Apply(h, request, errors);
        errors.AddRange(HypervisorValidator.Validate(h));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }
        var changed = db.Entry(h).Properties.Where(p => p.IsModified).Select(p => SnakeCaseNames.ToSnakeCase(p.Metadata.Name)).ToList();
        if (changed.Count == 0)
        {
            return h.ToResponse();
        }
        var evt = Record(h, actor, "edited", detail: "changed " + string.Join(", ", changed));
        return await CommitAsync(h, evt, ct);
    }

    private async Task<ServiceResult<HypervisorResponse>> SetEnabledOnceAsync(string id, bool enabled, string actor, CancellationToken ct)
    {
        var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return ServiceError.NotFound(id);
        }
        if (h.Status == HypervisorStatus.Deleting)
        {
            return Deleting(id);
        }
        // An admin's disable holds an agent-registered host down: its agent may not enable it again (an admin's enable may).
        var holdChanges = h.RegisteredBy == Agents.AgentRegistrations.RegisteredByAgent && h.DisabledByAdmin == enabled;
        if (h.Enabled == enabled && !holdChanges)
        {
            return h.ToResponse();
        }
        h.DisabledByAdmin = !enabled;
        HypervisorEvent evt;
        if (h.Enabled == enabled)
        {
            evt = enabled
                ? Record(h, actor, "enabled", detail: $"released by {actor}: its agent may enable it again")
                : Record(h, actor, "disabled", detail: $"held disabled by {actor}: its agent will not enable it");
        }
        else if (enabled)
        {
            h.Enabled = true;
            evt = Record(h, actor, "enabled", detail: "the engine connects to it");
        }
        else
        {
            // Disabling stops placements at once; the engine disconnects and the host is Offline.
            h.Enabled = false;
            evt = ChangeStatus(h, HypervisorStatus.Offline, actor, "disabled", null, "disabled by " + actor);
        }
        return await CommitAsync(h, evt, ct);
    }

    /// <summary>
    /// A force-deleted host is gone for Hyperfleet: the desktops recorded running there (or Unknown since it was lost)
    /// become Stopped, so they can start elsewhere, rather than waiting forever for a host that will never be back.
    /// </summary>
    private async Task<List<Desktop>> ReleaseDesktopsAsync(string hypervisorId, CancellationToken ct)
    {
        var now = time.GetUtcNowForStorage();
        var desktops = await db.Desktops.Where(d => d.HypervisorId == hypervisorId && Desktops.DesktopPorts.Holding.Contains(d.Status)).ToListAsync(ct);
        foreach (var d in desktops)
        {
            Desktops.DesktopStatusWriter.Set(d, DesktopStatuses.Stopped,
                $"its hypervisor {hypervisorId} was force deleted while it was {d.Status}; anything still running there is no longer managed");
            d.StatusSince = now;
            d.Version++;
        }
        return desktops;
    }

    private async Task<ServiceResult<HypervisorResponse?>> DeleteOnceAsync(string id, bool force, string actor, CancellationToken ct)
    {
        var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return ServiceError.NotFound(id);
        }
        if (force)
        {
            db.Hypervisors.Remove(h);
            var removed = Record(h, actor, "deleted", detail: "force delete: removed now");
            removed.FromStatus = h.Status.ToString();
            var released = await ReleaseDesktopsAsync(h.Id, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ServiceError.Concurrent(h.Id);
            }
            feed.Publish(new ChangeNotification("hypervisor.removed", h.Id, removed.ToResponse(), null));
            foreach (var desktop in released)
            {
                feed.Publish(Desktops.DesktopMapper.Changed(desktop));
            }
            return new ServiceResult<HypervisorResponse?>(null, null);
        }
        if (h.Status == HypervisorStatus.Deleting)
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.HypervisorDeleting, "Already being deleted",
                $"'{id}' is removed once nothing runs there; use force to remove it now.");
        }
        if (h.Enabled)
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.HypervisorEnabled, "Hypervisor is enabled",
                $"Disable '{id}' before deleting it (or force delete).");
        }
        var evt = ChangeStatus(h, HypervisorStatus.Deleting, actor, "deleting", null, "removed once nothing runs there");
        var result = await CommitAsync(h, evt, ct);
        return new ServiceResult<HypervisorResponse?>(result.Value, result.Error);
    }

    public async Task<ServiceResult<IReadOnlyList<HypervisorEventResponse>>> EventsAsync(string id, int limit, CancellationToken ct)
    {
        var exists = await db.Hypervisors.AnyAsync(x => x.Id == id, ct);
        var rows = await db.HypervisorEvents.AsNoTracking().Where(e => e.HypervisorId == id)
            .OrderByDescending(e => e.Id).Take(limit).ToListAsync(ct);
        if (!exists && rows.Count == 0)
        {
            return ServiceError.NotFound(id);
        }
        return rows.Select(e => e.ToResponse()).ToList();
    }

    /// <summary>Records a status proven by the engine. No-op (no history row) when nothing changes.</summary>
    public async Task<bool> SetStatusAsync(string id, HypervisorStatus status, string? reason, string? detail, string actor, CancellationToken ct)
    {
        var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null || (h.Status == status && h.StatusReason == reason && h.StatusDetail == detail))
        {
            return false;
        }
        var evt = ChangeStatus(h, status, actor, "status", reason, detail);
        await CommitAsync(h, evt, ct);
        return true;
    }

    private static ServiceError Deleting(string id) =>
        new(ServiceErrorKind.Conflict, ProblemCodes.HypervisorDeleting, "Hypervisor is being deleted",
            $"'{id}' is being deleted; only a forced delete applies now.");

    private HypervisorEvent ChangeStatus(Hypervisor h, HypervisorStatus to, string actor, string kind, string? reason, string? detail) =>
        HypervisorHistory.ChangeStatus(db, time, h, to, actor, kind, reason, detail);

    private HypervisorEvent Record(Hypervisor h, string actor, string kind, string? reason = null, string? detail = null) =>
        HypervisorHistory.Record(db, time, h, actor, kind, reason, detail);

    private async Task<ServiceResult<HypervisorResponse>> CommitAsync(Hypervisor h, HypervisorEvent evt, CancellationToken ct)
    {
        h.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceError.Concurrent(h.Id);
        }
        var response = h.ToResponse();
        feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt.ToResponse(), response));
        return response;
    }
}
