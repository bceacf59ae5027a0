using System.Security.Claims;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Users;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// The desktop routes' rules. Every transition reads the row, checks its status and writes it back under the
/// Version token, so of two racing requests (start and stop, or two starts) exactly one wins and the other gets a
/// conflict; the libvirt work then runs in <see cref="DesktopRuntime"/>, which also admits one operation at a time.
/// </summary>
public sealed partial class DesktopService(
    HyperfleetDbContext db,
    ChangeFeed feed,
    TimeProvider time,
    DesktopPlacement placement,
    DesktopRuntime runtime,
    Engine.HypervisorConnections connections,
    DiskTaskSignal diskTasks)
{
    /// <summary>The desktops <paramref name="principal"/> may use (<see cref="DesktopAccess"/>), optionally those on one hypervisor.</summary>
    public async Task<IReadOnlyList<DesktopResponse>> ListAsync(string? hypervisorId, ClaimsPrincipal principal, CancellationToken ct)
    {
        var query = db.Desktops.AsNoTracking().VisibleTo(principal);
        if (hypervisorId is not null)
        {
            query = query.Where(d => d.HypervisorId == hypervisorId);
        }
        var rows = await query.OrderBy(d => d.Id).ToListAsync(ct);
        return [.. rows.Select(d => d.ToResponse())];
    }

    /// <summary>One desktop; another user's is not found, exactly like a missing one.</summary>
    public async Task<ServiceResult<DesktopResponse>> GetAsync(string id, ClaimsPrincipal principal, CancellationToken ct)
    {
        var d = await db.Desktops.AsNoTracking().VisibleTo(principal).SingleOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? DesktopErrors.NotFound(id) : d.ToResponse();
    }

    public async Task<ServiceResult<DesktopResponse>> CreateAsync(CreateDesktopRequest request, string actor, CancellationToken ct)
    {
        var errors = DesktopValidator.Validate(request);
        Template? template = null;
        if (!string.IsNullOrWhiteSpace(request.Template))
        {
            template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Template, ct);
            if (template is null)
            {
                errors.Add(new FieldError("template", "template_not_found", $"No template '{request.Template}'."));
            }
        }
        foreach (var (field, hypervisorId) in new[] { ("forced_hypervisor", request.ForcedHypervisor), ("favourite_hypervisor", request.FavouriteHypervisor) })
        {
            if (hypervisorId is not null && !await db.Hypervisors.AnyAsync(h => h.Id == hypervisorId, ct))
            {
                errors.Add(new FieldError(field, "hypervisor_not_found", $"No hypervisor '{hypervisorId}'."));
            }
        }
        var owner = request.Owner ?? actor;
        if (request.Owner is not null && !await db.Users.AnyAsync(u => u.Username == request.Owner, ct))
        {
            errors.Add(new FieldError("owner", UserProblemCodes.UserUnknown, $"No user '{request.Owner}'."));
        }
        if (errors.Count > 0)
        {
            return DesktopErrors.Invalid(errors);
        }
        if (template!.Status != TemplateStatuses.Ready)
        {
            return new ServiceError(ServiceErrorKind.Conflict, DesktopProblemCodes.TemplateNotReady, "Template not ready",
                $"Template '{template.Id}' is {template.Status}; desktops are made from Ready templates.");
        }
        if (await db.Desktops.AnyAsync(d => d.Id == request.Id, ct))
        {
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.AlreadyExists, "Desktop exists", $"A desktop '{request.Id}' already exists.");
        }
        var pool = await db.StoragePools.AsNoTracking().SingleAsync(p => p.Id == template.PoolId, ct);
        var now = time.GetUtcNowForStorage();
        var desktop = new Desktop
        {
            Id = request.Id!,
            Name = request.Name ?? request.Id!,
            Owner = owner,
            TemplateId = template.Id,
            PoolId = pool.Id,
            DiskPath = pool.GroupsPath.TrimEnd('/') + "/" + request.Id + ".qcow2",
            MemoryMib = request.MemoryMib ?? Math.Max(template.MemoryMib, DesktopValidator.MinMemoryMib),
            Vcpus = request.Vcpus ?? Math.Max(template.Vcpus, 1),
            Status = DesktopStatuses.Creating,
            StatusSince = now,
            ForcedHypervisorId = request.ForcedHypervisor,
            FavouriteHypervisorId = request.FavouriteHypervisor,
            Vlan = request.Vlan,
            CreatedAt = now,
        };
        db.Desktops.Add(desktop);
        // One transaction: never a desktop without the task that makes its disk, never a task without its desktop.
        var task = DiskTaskQueue.Enqueue(db, DiskTaskKinds.CreateOverlay, pool.Id,
            new DiskTaskArguments { Path = desktop.DiskPath, Backing = template.DiskPath, Format = "qcow2" }, "desktop", desktop.Id, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent create of the same id won the insert; anything else is a real failure.
            if (!await ExistsElsewhereAsync(desktop.Id, ct))
            {
                throw;
            }
            return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.AlreadyExists, "Desktop exists", $"A desktop '{desktop.Id}' already exists.");
        }
        diskTasks.Notify();
        feed.Publish(DesktopMapper.Changed(desktop));
        feed.Publish(StorageNotifications.TaskChanged(task));
        return desktop.ToResponse();
    }

    public async Task<ServiceResult<DesktopResponse>> DeleteAsync(string id, CancellationToken ct)
    {
        var d = await db.Desktops.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return DesktopErrors.NotFound(id);
        }
        if (d.Status is not (DesktopStatuses.Stopped or DesktopStatuses.Failed) || runtime.IsBusy(id))
        {
            return DesktopErrors.WrongStatus(id, d.Status, "stop it first (delete needs Stopped or Failed)");
        }
        DesktopStatusWriter.Set(d, DesktopStatuses.Deleting, null);
        d.StatusSince = time.GetUtcNowForStorage();
        var task = DiskTaskQueue.Enqueue(db, DiskTaskKinds.Delete, d.PoolId, new DiskTaskArguments { Path = d.DiskPath }, "desktop", d.Id, d.StatusSince);
        return await CommitAsync(d, ct, task);
    }

    /// <summary>Grows the stopped desktop's disk: Updating until the resize task is done, then Stopped again (also when it
    /// fails: the disk is as it was, and the detail says why).</summary>
    public async Task<ServiceResult<DesktopResponse>> ResizeAsync(string id, ResizeDiskRequest request, CancellationToken ct)
    {
        var errors = DesktopValidator.Validate(request);
        if (errors.Count > 0)
        {
            return DesktopErrors.Invalid(errors);
        }
        var d = await db.Desktops.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return DesktopErrors.NotFound(id);
        }
        if (d.Status != DesktopStatuses.Stopped || runtime.IsBusy(id))
        {
            return DesktopErrors.WrongStatus(id, d.Status, "stop it first (a disk is resized while its desktop is Stopped)");
        }
        var size = request.SizeGib!.Value;
        DesktopStatusWriter.Set(d, DesktopStatuses.Updating, $"growing its disk to {size} GiB");
        d.StatusSince = time.GetUtcNowForStorage();
        var task = DiskTaskQueue.Enqueue(db, DiskTaskKinds.Resize, d.PoolId, new DiskTaskArguments { Path = d.DiskPath, SizeBytes = size * GiB },
            DiskTaskOwnerKinds.Desktop, d.Id, d.StatusSince);
        return await CommitAsync(d, ct, task);
    }

    /// <summary>Stops the desktop if <paramref name="principal"/> may use it (<see cref="DesktopAccess"/>); another user's is not found.</summary>
    public Task<ServiceResult<DesktopResponse>> StopAsync(string id, bool force, ClaimsPrincipal principal, CancellationToken ct) =>
        StopAsync(db.Desktops.VisibleTo(principal), id, force, ct);

    private async Task<ServiceResult<DesktopResponse>> StopAsync(IQueryable<Desktop> desktops, string id, bool force, CancellationToken ct)
    {
        var d = await desktops.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return DesktopErrors.NotFound(id);
        }
        var allowed = d.Status is DesktopStatuses.Started or DesktopStatuses.Unknown
            || (force && d.Status is DesktopStatuses.Stopping or DesktopStatuses.Starting);
        if (!allowed || d.HypervisorId is null)
        {
            return DesktopErrors.WrongStatus(id, d.Status, force ? "nothing runs to stop" : "only a Started (or Unknown) desktop can be stopped; --force also ends Starting and Stopping");
        }
        if (connections.Get(d.HypervisorId) is null)
        {
            return DesktopErrors.NotConnected(id, d.HypervisorId);
        }
        if (!runtime.TryClaim(id))
        {
            if (!force)
            {
                return DesktopErrors.Busy(id);
            }
            // A forced stop overrides a start or stop in flight: that operation sees Stopping and gives way.
            return await MarkStoppingAsync(d, force, claimed: false, ct);
        }
        return await MarkStoppingAsync(d, force, claimed: true, ct);
    }

    private async Task<ServiceResult<DesktopResponse>> MarkStoppingAsync(Desktop d, bool force, bool claimed, CancellationToken ct)
    {
        DesktopStatusWriter.Set(d, DesktopStatuses.Stopping, force ? "forced stop" : null);
        d.StatusSince = time.GetUtcNowForStorage();
        var result = await CommitAsync(d, ct);
        if (result.Error is not null)
        {
            if (claimed)
            {
                runtime.Unclaim(d.Id);
            }
            return result;
        }
        if (claimed)
        {
            runtime.BeginStop(d.Id, d.HypervisorId!, force);
        }
        else
        {
            // Destroy as soon as the operation in flight ends.
            var hypervisorId = d.HypervisorId!;
            _ = runtime.InFlight(d.Id).ContinueWith(_ =>
            {
                if (runtime.TryClaim(d.Id))
                {
                    runtime.BeginStop(d.Id, hypervisorId, force: true);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        return result;
    }

    /// <summary>Asks every desktop recorded on the hypervisor to stop.</summary>
    public async Task<ServiceResult<StopDesktopsResponse>> StopAllOnAsync(string hypervisorId, bool force, CancellationToken ct)
    {
        if (!await db.Hypervisors.AnyAsync(h => h.Id == hypervisorId, ct))
        {
            return ServiceError.NotFound(hypervisorId);
        }
        var ids = await db.Desktops.AsNoTracking()
            .Where(d => d.HypervisorId == hypervisorId && (d.Status == DesktopStatuses.Started || d.Status == DesktopStatuses.Unknown
                || (force && (d.Status == DesktopStatuses.Starting || d.Status == DesktopStatuses.Stopping))))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        List<string> stopping = [], skipped = [];
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var result = await StopAsync(db.Desktops, id, force, ct);
            (result.Error is null ? stopping : skipped).Add(id);
        }
        return new StopDesktopsResponse(hypervisorId, stopping, skipped);
    }

    private const long GiB = 1L << 30;

    /// <summary>Saves the desktop (and <paramref name="queued"/>, a disk task for it), then wakes the workers and tells the feed.</summary>
    private async Task<ServiceResult<DesktopResponse>> CommitAsync(Desktop d, CancellationToken ct, DiskTask? queued = null)
    {
        d.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DesktopErrors.Concurrent(d.Id);
        }
        feed.Publish(DesktopMapper.Changed(d));
        if (queued is not null)
        {
            diskTasks.Notify();
            feed.Publish(StorageNotifications.TaskChanged(queued));
        }
        return d.ToResponse();
    }

    private async Task<bool> ExistsElsewhereAsync(string id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Desktops.AnyAsync(d => d.Id == id, ct);
    }
}
