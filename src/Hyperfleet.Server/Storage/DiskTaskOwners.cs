using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Moves a finished task's owner on, inside the transaction that finishes the task: a template becomes Ready or
/// Failed (or is removed once its disk is deleted; an import that is not a standalone qcow2 is converted first); a
/// desktop's new overlay makes it Stopped, a failed one Failed, a resize (done or not) Stopped again; a deleted
/// desktop disk removes the desktop row. A follow-up task is queued when its predecessor is done; when the
/// predecessor failed, the follow-up's owner fails too.
/// </summary>
internal static class DiskTaskOwners
{
    /// <returns>The tasks it queued (a follow-up, or an import's conversion); their ids are set once saved.</returns>
    public static async Task<IReadOnlyList<DiskTask>> ApplyAsync(HyperfleetDbContext db, DiskTask task, DateTimeOffset now, List<ChangeNotification> notices, CancellationToken ct)
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
        return [.. db.ChangeTracker.Entries<DiskTask>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
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
        var verdict = task.Kind == DiskTaskKinds.Info ? Import(task.Result) : ImportVerdict.Usable;
        if (verdict.ConvertBecause is { } because && await ConvertImportAsync(db, template, because, now, ct) is { } convert)
        {
            template.Version++;
            notices.Add(StorageNotifications.Changed("template", template.Id, template.ToResponse(convert.Id)));
            return;
        }
        template.Status = verdict.Problem is null && verdict.ConvertBecause is null ? TemplateStatuses.Ready : TemplateStatuses.Failed;
        template.StatusDetail = verdict.Problem ?? (verdict.ConvertBecause is null ? null : $"{verdict.ConvertBecause}, and no free path to convert it to");
        template.Version++;
        notices.Add(StorageNotifications.Changed("template", template.Id, template.ToResponse(task.Id)));
    }

    /// <summary>
    /// An imported image that cannot be a base as it is (another format, or a backing file) is converted into a
    /// standalone qcow2 in the pool's bases directory, which becomes the template's disk; the imported file is left
    /// as it was. Null when there is no free path for the copy.
    /// </summary>
    private static async Task<DiskTask?> ConvertImportAsync(HyperfleetDbContext db, Template template, string because, DateTimeOffset now, CancellationToken ct)
    {
        var pool = await db.StoragePools.SingleOrDefaultAsync(p => p.Id == template.PoolId, ct);
        if (pool is null)
        {
            return null;
        }
        var source = template.DiskPath;
        var target = $"{pool.BasesPath}/{template.Id}.qcow2";
        if (target == source)
        {
            target = $"{pool.BasesPath}/{template.Id}-standalone.qcow2";
        }
        if (await db.Templates.AnyAsync(t => t.DiskPath == target, ct) || await db.Desktops.AnyAsync(d => d.DiskPath == target, ct))
        {
            return null;
        }
        template.DiskPath = target;
        template.StatusDetail = $"converting to a standalone qcow2 ({because}); {source} stays as it is";
        return DiskTaskQueue.Enqueue(db, DiskTaskKinds.Convert, pool.Id, new DiskTaskArguments { Source = source, Path = target, Format = "qcow2" },
            DiskTaskOwnerKinds.Template, template.Id, now);
    }

    private static async Task DesktopAsync(HyperfleetDbContext db, DiskTask task, bool done, DateTimeOffset now, List<ChangeNotification> notices, CancellationToken ct)
    {
        var desktop = await db.Desktops.SingleOrDefaultAsync(d => d.Id == task.OwnerId, ct);
        if (desktop is null)
        {
            return;
        }
        if (task.Kind == DiskTaskKinds.Resize)
        {
            // qemu-img resize changes nothing when it fails (and a shrink is refused before it runs): the desktop is
            // as usable as before, so it is Stopped again, with the reason when there is one.
            if (desktop.Status == DesktopStatuses.Updating)
            {
                Desktops.DesktopStatusWriter.Set(desktop, DesktopStatuses.Stopped, done ? null : Clip($"its disk was not resized: {task.Error}"));
                desktop.StatusSince = now;
                desktop.Version++;
                notices.Add(Desktops.DesktopMapper.Changed(desktop));
            }
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

    /// <summary>What an imported image needs, from qemu-img's JSON of its chain.</summary>
    /// <param name="Problem">Why it cannot be used at all.</param>
    /// <param name="ConvertBecause">Why it must be converted before it can be a base.</param>
    internal sealed record ImportVerdict(string? Problem, string? ConvertBecause)
    {
        public static readonly ImportVerdict Usable = new(null, null);
    }

    /// <summary>Whether an imported image can be a base as it is, needs converting, or cannot be used.</summary>
    internal static ImportVerdict Import(string? infoJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(infoJson ?? "");
            var top = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[0] : doc.RootElement;
            var format = top.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (string.IsNullOrEmpty(format))
            {
                return new ImportVerdict("qemu-img names no format for it", null);
            }
            if (format != "qcow2")
            {
                return new ImportVerdict(null, $"it is a {format} image");
            }
            if (top.TryGetProperty("backing-filename", out var backing))
            {
                return new ImportVerdict(null, $"it has a backing file ({backing.GetString()})");
            }
            return ImportVerdict.Usable;
        }
        catch (Exception e) when (e is JsonException or IndexOutOfRangeException or InvalidOperationException)
        {
            return new ImportVerdict("qemu-img info gave no usable answer", null);
        }
    }

    private static string Clip(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}
