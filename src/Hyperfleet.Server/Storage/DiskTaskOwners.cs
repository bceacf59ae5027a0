using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Moves a finished task's owner on, inside the transaction that finishes the task: a template becomes Ready or
/// Failed (or is removed once its disk is deleted); a desktop's new overlay makes it Stopped, a failed one Failed;
/// a deleted desktop disk removes the desktop row. A follow-up task is queued when its predecessor is done; when
/// the predecessor failed, the follow-up's owner fails too.
/// </summary>
internal static class DiskTaskOwners
{
    public static async Task ApplyAsync(HyperfleetDbContext db, DiskTask task, DateTimeOffset now, List<ChangeNotification> notices, CancellationToken ct)
    {
        var done = task.Status == DiskTaskStatuses.Done;
        var args = DiskTaskQueue.ArgumentsOf(task);
        if (args.Then is { } then)
        {
            if (done)
            {
                DiskTaskQueue.Enqueue(db, then.Kind, task.PoolId, then.Arguments, then.OwnerKind, then.OwnerId, now);
            }
            else
            {
                await FailAsync(db, then.OwnerKind, then.OwnerId, $"the {task.Kind} before it (task {task.Id}) failed: {task.Error}", now, notices, ct);
            }
        }
        switch (task.OwnerKind)
        {
            case DiskTaskOwnerKinds.Template:
                await TemplateAsync(db, task, done, now, notices, ct);
                break;
            case DiskTaskOwnerKinds.Desktop:
                await DesktopAsync(db, task, done, now, notices, ct);
                break;
        }
    }

    private static async Task TemplateAsync(HyperfleetDbContext db, DiskTask task, bool done, DateTimeOffset now, List<ChangeNotification> notices, CancellationToken ct)
    {
        var template = await db.Templates.SingleOrDefaultAsync(t => t.Id == task.OwnerId, ct);
        if (template is null)
        {
            return;
        }
        if (!done)
        {
            await FailAsync(db, DiskTaskOwnerKinds.Template, template.Id,
                task.Kind == DiskTaskKinds.Delete ? $"its disk could not be deleted: {task.Error}" : task.Error ?? "disk task failed", now, notices, ct);
            return;
        }
        if (task.Kind == DiskTaskKinds.Delete)
        {
            if (template.Status == TemplateStatuses.Deleting)
            {
                db.Templates.Remove(template);
                notices.Add(StorageNotifications.Removed("template", template.Id));
            }
            return;
        }
        if (template.Status != TemplateStatuses.Creating)
        {
            return;
        }
        var problem = task.Kind == DiskTaskKinds.Info ? ImportProblem(task.Result) : null;
        template.Status = problem is null ? TemplateStatuses.Ready : TemplateStatuses.Failed;
        template.StatusDetail = problem;
        template.Version++;
        notices.Add(StorageNotifications.Changed("template", template.Id, template.ToResponse(task.Id)));
    }

    private static async Task DesktopAsync(HyperfleetDbContext db, DiskTask task, bool done, DateTimeOffset now, List<ChangeNotification> notices, CancellationToken ct)
    {
        var desktop = await db.Desktops.SingleOrDefaultAsync(d => d.Id == task.OwnerId, ct);
        if (desktop is null)
        {
            return;
        }
        if (!done)
        {
            await FailAsync(db, DiskTaskOwnerKinds.Desktop, desktop.Id,
                task.Kind == DiskTaskKinds.Delete ? $"its disk could not be deleted: {task.Error}" : task.Error ?? "disk task failed", now, notices, ct);
            return;
        }
        if (task.Kind == DiskTaskKinds.Delete)
        {
            if (desktop.Status == DesktopStatuses.Deleting)
            {
                db.Desktops.Remove(desktop);
                notices.Add(StorageNotifications.Removed("desktop", desktop.Id));
            }
            return;
        }
        if (desktop.Status == DesktopStatuses.Creating)
        {
            desktop.Status = DesktopStatuses.Stopped;
            desktop.StatusDetail = null;
            desktop.StatusSince = now;
            desktop.Version++;
            notices.Add(Desktops.DesktopMapper.Changed(desktop));
        }
    }

    private static async Task FailAsync(HyperfleetDbContext db, string? ownerKind, string? ownerId, string detail, DateTimeOffset now,
        List<ChangeNotification> notices, CancellationToken ct)
    {
        if (ownerKind == DiskTaskOwnerKinds.Template && await db.Templates.SingleOrDefaultAsync(t => t.Id == ownerId, ct) is { } template)
        {
            template.Status = TemplateStatuses.Failed;
            template.StatusDetail = Clip(detail);
            template.Version++;
            notices.Add(StorageNotifications.Changed("template", template.Id, template.ToResponse(null)));
        }
        else if (ownerKind == DiskTaskOwnerKinds.Desktop && await db.Desktops.SingleOrDefaultAsync(d => d.Id == ownerId, ct) is { } desktop)
        {
            desktop.Status = DesktopStatuses.Failed;
            desktop.StatusDetail = Clip(detail);
            desktop.StatusSince = now;
            desktop.Version++;
            notices.Add(Desktops.DesktopMapper.Changed(desktop));
        }
    }

    /// <summary>Why an imported image cannot be a base (qemu-img's JSON of the chain), or null when it can.</summary>
    internal static string? ImportProblem(string? infoJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(infoJson ?? "");
            var top = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[0] : doc.RootElement;
            var format = top.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (format != "qcow2")
            {
                return $"not a qcow2 image (qemu-img says {format ?? "no format"}); convert it first";
            }
            if (top.TryGetProperty("backing-filename", out var backing))
            {
                return $"it has a backing file ({backing.GetString()}); a base must stand alone";
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or IndexOutOfRangeException or InvalidOperationException)
        {
            return "qemu-img info gave no usable answer";
        }
    }

    private static string Clip(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}
