using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Storage;

/// <summary>Storage pools: the admin's list of shared mounts and which hypervisors mount each.</summary>
public sealed class StoragePoolService(HyperfleetDbContext db, ChangeFeed feed, TimeProvider time)
{
    public async Task<IReadOnlyList<PoolResponse>> ListAsync(CancellationToken ct)
    {
        var rows = await db.StoragePools.AsNoTracking().Include(p => p.Hypervisors).OrderBy(p => p.Id).ToListAsync(ct);
        return rows.Select(p => p.ToResponse()).ToList();
    }

    public async Task<ServiceResult<PoolResponse>> GetAsync(string id, CancellationToken ct)
    {
        var pool = await db.StoragePools.AsNoTracking().Include(p => p.Hypervisors).SingleOrDefaultAsync(p => p.Id == id, ct);
        return pool is null ? StorageErrors.NotFound("pool", id) : pool.ToResponse();
    }

    public async Task<ServiceResult<PoolResponse>> AddAsync(AddPoolRequest request, CancellationToken ct)
    {
        var mountpoint = request.Mountpoint ?? StoragePoolDefaults.Mountpoint;
        var paths = request.Paths ?? new PoolPathsInput();
        var pool = new StoragePool
        {
            Id = request.Id ?? "",
            Name = request.Name ?? request.Id ?? "",
            Mountpoint = mountpoint,
            BasesPath = paths.Bases ?? Under(mountpoint, "bases"),
            TemplatesPath = paths.Templates ?? Under(mountpoint, "templates"),
            GroupsPath = paths.Groups ?? Under(mountpoint, "groups"),
            MediaPath = paths.Media ?? Under(mountpoint, "media"),
            VolatilePath = paths.Volatile ?? Under(mountpoint, "volatile"),
            CreatedAt = time.GetUtcNowForStorage(),
        };
        var members = request.Hypervisors ?? [];
        var errors = StoragePoolValidator.Validate(pool, members, await KnownHypervisorsAsync(members, ct));
        if (errors.Count > 0)
        {
            return StorageErrors.Invalid("pool", errors);
        }
        if (await db.StoragePools.AnyAsync(p => p.Id == pool.Id, ct))
        {
            return StorageErrors.Exists("pool", pool.Id);
        }
        pool.Hypervisors = members.Select(h => new StoragePoolHypervisor { PoolId = pool.Id, HypervisorId = h }).ToList();
        db.StoragePools.Add(pool);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another add of the same id (or a member deleted meanwhile).
            return StorageErrors.Exists("pool", pool.Id);
        }
        return Published(pool);
    }

    public async Task<ServiceResult<PoolResponse>> EditAsync(string id, EditPoolRequest request, CancellationToken ct)
    {
        var pool = await db.StoragePools.Include(p => p.Hypervisors).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pool is null)
        {
            return StorageErrors.NotFound("pool", id);
        }
        var oldMountpoint = pool.Mountpoint;
        var oldDirectories = pool.Directories();
        pool.Name = request.Name ?? pool.Name;
        pool.Mountpoint = request.Mountpoint ?? pool.Mountpoint;
        var paths = request.Paths ?? new PoolPathsInput();
        // A directory left at its default follows a moved mountpoint; one the admin chose stays unless given.
        string Next(string? given, string current, string name) =>
            given ?? (current == Under(oldMountpoint, name) ? Under(pool.Mountpoint, name) : current);
        pool.BasesPath = Next(paths.Bases, pool.BasesPath, "bases");
        pool.TemplatesPath = Next(paths.Templates, pool.TemplatesPath, "templates");
        pool.GroupsPath = Next(paths.Groups, pool.GroupsPath, "groups");
        pool.MediaPath = Next(paths.Media, pool.MediaPath, "media");
        pool.VolatilePath = Next(paths.Volatile, pool.VolatilePath, "volatile");
        var members = request.Hypervisors ?? pool.Hypervisors.Select(h => h.HypervisorId).ToList();
        var errors = StoragePoolValidator.Validate(pool, members, await KnownHypervisorsAsync(members, ct));
        if (errors.Count > 0)
        {
            return StorageErrors.Invalid("pool", errors);
        }
        var moved = pool.Mountpoint != oldMountpoint || !pool.Directories().SequenceEqual(oldDirectories);
        if (moved && await InUseAsync(id, ct))
        {
            return StorageErrors.Conflict(StorageProblemCodes.PoolInUse, "Pool in use",
                $"Pool '{id}' holds templates or desktops: its mountpoint and directories cannot change (their disks live there).");
        }
        if (request.Hypervisors is not null)
        {
            var wanted = members.ToHashSet(StringComparer.Ordinal);
            pool.Hypervisors.RemoveAll(h => !wanted.Contains(h.HypervisorId));
            foreach (var add in wanted.Where(w => pool.Hypervisors.All(h => h.HypervisorId != w)))
            {
                pool.Hypervisors.Add(new StoragePoolHypervisor { PoolId = id, HypervisorId = add });
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return StorageErrors.Concurrent("pool", id);
        }
        return Published(pool);
    }

    public async Task<ServiceResult<bool>> DeleteAsync(string id, CancellationToken ct)
    {
        var pool = await db.StoragePools.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pool is null)
        {
            return StorageErrors.NotFound("pool", id);
        }
        if (id == StoragePoolDefaults.DefaultPoolId)
        {
            return StorageErrors.Conflict(StorageProblemCodes.PoolInUse, "Default pool",
                $"Pool '{id}' is where new hypervisors and bases go by default; it cannot be deleted (edit it instead).");
        }
        if (await InUseAsync(id, ct) || await db.DiskTasks.AnyAsync(t => t.PoolId == id && (t.Status == DiskTaskStatuses.Queued || t.Status == DiskTaskStatuses.Running), ct))
        {
            return StorageErrors.Conflict(StorageProblemCodes.PoolInUse, "Pool in use",
                $"Pool '{id}' still holds templates, desktops or pending disk tasks; delete them first.");
        }
        db.StoragePools.Remove(pool);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A template or desktop arrived meanwhile (the foreign keys refuse the delete).
            return StorageErrors.Conflict(StorageProblemCodes.PoolInUse, "Pool in use", $"Pool '{id}' came into use while it was being deleted.");
        }
        feed.Publish(StorageNotifications.Removed("pool", id));
        return true;
    }

    public static string Under(string mountpoint, string name) => mountpoint.TrimEnd('/') + "/" + name;

    private async Task<bool> InUseAsync(string id, CancellationToken ct) =>
        await db.Templates.AnyAsync(t => t.PoolId == id, ct) || await db.Desktops.AnyAsync(d => d.PoolId == id, ct);

    private async Task<ISet<string>> KnownHypervisorsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Hypervisors.Where(h => wanted.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    private PoolResponse Published(StoragePool pool)
    {
        var response = pool.ToResponse();
        feed.Publish(StorageNotifications.Changed("pool", pool.Id, response));
        return response;
    }
}
