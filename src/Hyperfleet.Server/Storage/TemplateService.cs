using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Bases and templates. Each change writes its row and the disk task that makes it real in one transaction; the
/// task's completion moves the row on (Creating → Ready/Failed, Deleting → removed).
/// </summary>
public sealed class TemplateService(HyperfleetDbContext db, ChangeFeed feed, DiskTaskSignal signal, TimeProvider time)
{
    public const int DefaultMemoryMib = 2048;
    public const int DefaultVcpus = 2;
    private const long GiB = 1024L * 1024 * 1024;

    public async Task<IReadOnlyList<TemplateResponse>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Templates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        var tasks = await db.DiskTasks.Where(t => t.OwnerKind == DiskTaskOwnerKinds.Template)
            .GroupBy(t => t.OwnerId!).Select(g => new { Id = g.Key, Task = g.Max(t => t.Id) }).ToListAsync(ct);
        var latest = tasks.ToDictionary(x => x.Id, x => x.Task, StringComparer.Ordinal);
        return rows.Select(t => t.ToResponse(latest.TryGetValue(t.Id, out var task) ? task : null)).ToList();
    }

    public async Task<ServiceResult<TemplateResponse>> GetAsync(string id, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return template is null ? StorageErrors.NotFound("template", id) : template.ToResponse(await LatestTaskAsync(id, ct));
    }

    public async Task<ServiceResult<TemplateResponse>> CreateAsync(CreateTemplateRequest request, CancellationToken ct)
    {
        var errors = TemplateValidator.Validate(request);
        Template? parent = null;
        StoragePool? pool = null;
        if (request.Parent is not null && errors.All(e => e.Field != "parent"))
        {
            parent = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Parent, ct);
            if (parent is null)
            {
                errors.Add(new FieldError("parent", "parent_unknown", $"parent: no base or template '{request.Parent}'."));
            }
            else if (parent.Status != TemplateStatuses.Ready)
            {
                errors.Add(new FieldError("parent", "parent_not_ready", $"parent: '{parent.Id}' is {parent.Status}, not Ready."));
            }
            else if (request.Pool is not null && request.Pool != parent.PoolId)
            {
                errors.Add(new FieldError("pool", "pool_mismatch", $"pool: a template lives in its parent's pool ({parent.PoolId})."));
            }
        }
        var poolId = parent?.PoolId ?? request.Pool ?? StoragePoolDefaults.DefaultPoolId;
        if (errors.All(e => e.Field != "pool"))
        {
            pool = await db.StoragePools.AsNoTracking().SingleOrDefaultAsync(p => p.Id == poolId, ct);
            if (pool is null)
            {
                errors.Add(new FieldError("pool", "pool_unknown", $"pool: no pool '{poolId}'."));
            }
        }
        if (pool is not null && request.ImportPath is { } import && errors.All(e => e.Field != "import_path"))
        {
            if (StoragePathRule.ValidateUnder(import, pool.Mountpoint) is { } outside)
            {
                errors.Add(new FieldError("import_path", outside.Code, "import_path: " + outside.Message));
            }
            else if (await db.Templates.AnyAsync(t => t.DiskPath == import, ct) || await db.Desktops.AnyAsync(d => d.DiskPath == import, ct))
            {
                errors.Add(new FieldError("import_path", "path_in_use", $"import_path: {import} is already the disk of a template or desktop."));
            }
        }
        if (errors.Count > 0)
        {
            return StorageErrors.Invalid("template", errors);
        }
        var id = request.Id!;
        if (await db.Templates.AnyAsync(t => t.Id == id, ct))
        {
            return StorageErrors.Exists("template", id);
        }
        var now = time.GetUtcNowForStorage();
        var template = new Template
        {
            Id = id,
            Name = request.Name ?? id,
            Kind = parent is null ? TemplateKinds.Base : TemplateKinds.Template,
            ParentId = parent?.Id,
            PoolId = pool!.Id,
            DiskPath = request.ImportPath ?? $"{(parent is null ? pool.BasesPath : pool.TemplatesPath)}/{id}.qcow2",
            MemoryMib = request.MemoryMib ?? parent?.MemoryMib ?? DefaultMemoryMib,
            Vcpus = request.Vcpus ?? parent?.Vcpus ?? DefaultVcpus,
            CreatedAt = now,
        };
        var (kind, args) = (parent, request.ImportPath, request.SizeGib) switch
        {
            ({ } p, _, _) => (DiskTaskKinds.CreateOverlay, new DiskTaskArguments { Path = template.DiskPath, Backing = p.DiskPath }),
            (_, { } path, _) => (DiskTaskKinds.Info, new DiskTaskArguments { Path = path }),
            _ => (DiskTaskKinds.CreateEmpty, new DiskTaskArguments { Path = template.DiskPath, SizeBytes = request.SizeGib!.Value * GiB }),
        };
        template.StatusDetail = kind == DiskTaskKinds.Info ? "checking the image" : "creating its disk";
        db.Templates.Add(template);
        var task = DiskTaskQueue.Enqueue(db, kind, pool.Id, args, DiskTaskOwnerKinds.Template, id, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return StorageErrors.Exists("template", id);
        }
        return Published(template, task);
    }

    public async Task<ServiceResult<TemplateResponse>> DeleteAsync(string id, CancellationToken ct)
    {
        var template = await db.Templates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return StorageErrors.NotFound("template", id);
        }
        if (template.Status == TemplateStatuses.Deleting)
        {
            return template.ToResponse(await LatestTaskAsync(id, ct));
        }
        var children = await db.Templates.Where(t => t.ParentId == id).OrderBy(t => t.Id).Select(t => t.Id).Take(5).ToListAsync(ct);
        var desktops = await db.Desktops.Where(d => d.TemplateId == id).OrderBy(d => d.Id).Select(d => d.Id).Take(5).ToListAsync(ct);
        if (children.Count > 0 || desktops.Count > 0)
        {
            var users = children.Select(c => "template " + c).Concat(desktops.Select(d => "desktop " + d));
            return StorageErrors.Conflict(StorageProblemCodes.TemplateInUse, "Template in use",
                $"'{id}' is the disk under {string.Join(", ", users)}; delete those first.");
        }
        template.Status = TemplateStatuses.Deleting;
        template.StatusDetail = "deleting its disk";
        template.Version++;
        var task = DiskTaskQueue.Enqueue(db, DiskTaskKinds.Delete, template.PoolId, new DiskTaskArguments { Path = template.DiskPath },
            DiskTaskOwnerKinds.Template, id, time.GetUtcNowForStorage());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StorageErrors.Concurrent("template", id);
        }
        return Published(template, task);
    }

    /// <summary>
    /// The stopped desktop's disk becomes a new template's disk (moved into the templates directory), and the desktop
    /// goes on from a new overlay of it: base ← template ← new template ← desktop. Two tasks, the second queued when
    /// the first is done; until then the desktop is Creating and cannot start.
    /// </summary>
    public async Task<ServiceResult<TemplateResponse>> MakeTemplateAsync(string desktopId, MakeTemplateRequest request, CancellationToken ct)
    {
        var errors = TemplateValidator.Validate(request);
        if (errors.Count > 0)
        {
            return StorageErrors.Invalid("template", errors);
        }
        var desktop = await db.Desktops.SingleOrDefaultAsync(d => d.Id == desktopId, ct);
        if (desktop is null)
        {
            return StorageErrors.NotFound("desktop", desktopId);
        }
        if (desktop.Status != DesktopStatuses.Stopped)
        {
            return StorageErrors.Conflict(StorageProblemCodes.DesktopNotStopped, "Desktop not stopped",
                $"Desktop '{desktopId}' is {desktop.Status}; stop it first.");
        }
        var templateId = request.TemplateId!;
        if (await db.Templates.AnyAsync(t => t.Id == templateId, ct))
        {
            return StorageErrors.Exists("template", templateId);
        }
        var pool = await db.StoragePools.AsNoTracking().SingleAsync(p => p.Id == desktop.PoolId, ct);
        var now = time.GetUtcNowForStorage();
        var template = new Template
        {
            Id = templateId,
            Name = request.Name ?? templateId,
            Kind = TemplateKinds.Template,
            ParentId = desktop.TemplateId,
            PoolId = pool.Id,
            DiskPath = $"{pool.TemplatesPath}/{templateId}.qcow2",
            MemoryMib = desktop.MemoryMib,
            Vcpus = desktop.Vcpus,
            StatusDetail = $"moving the disk of desktop {desktopId}",
            CreatedAt = now,
        };
        // A dot cannot appear in ids, so this name never collides with another desktop's disk.
        var newDisk = $"{pool.GroupsPath}/{desktopId}.{templateId}.qcow2";
        var overlay = new DiskTaskFollowUp(DiskTaskKinds.CreateOverlay,
            new DiskTaskArguments { Path = newDisk, Backing = template.DiskPath }, DiskTaskOwnerKinds.Desktop, desktopId);
        db.Templates.Add(template);
        var task = DiskTaskQueue.Enqueue(db, DiskTaskKinds.Move, pool.Id,
            new DiskTaskArguments { Source = desktop.DiskPath, Path = template.DiskPath, Then = overlay }, DiskTaskOwnerKinds.Template, templateId, now);
        desktop.TemplateId = templateId;
        desktop.DiskPath = newDisk;
        desktop.Status = DesktopStatuses.Creating;
        desktop.StatusDetail = $"making template {templateId} from its disk";
        desktop.StatusSince = now;
        desktop.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StorageErrors.Concurrent("desktop", desktopId);
        }
        catch (DbUpdateException)
        {
            return StorageErrors.Exists("template", templateId);
        }
        feed.Publish(Desktops.DesktopMapper.Changed(desktop));
        return Published(template, task);
    }

    private async Task<long?> LatestTaskAsync(string id, CancellationToken ct) =>
        await db.DiskTasks.Where(t => t.OwnerKind == DiskTaskOwnerKinds.Template && t.OwnerId == id).MaxAsync(t => (long?)t.Id, ct);

    private TemplateResponse Published(Template template, DiskTask task)
    {
        signal.Notify();
        var response = template.ToResponse(task.Id);
        feed.Publish(StorageNotifications.Changed("template", template.Id, response));
        feed.Publish(StorageNotifications.TaskChanged(task));
        return response;
    }
}
