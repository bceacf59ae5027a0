using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Storage;

/// <summary>Reads the disk-task queue for the API.</summary>
public sealed class DiskTaskService(HyperfleetDbContext db)
{
    public static readonly IReadOnlyList<string> Statuses = [DiskTaskStatuses.Queued, DiskTaskStatuses.Running, DiskTaskStatuses.Done, DiskTaskStatuses.Failed];

    /// <summary>Newest first, optionally of one status.</summary>
    public async Task<ServiceResult<IReadOnlyList<DiskTaskResponse>>> ListAsync(string? status, int limit, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return StorageErrors.Invalid("query", [new FieldError("status", "status_invalid", $"status must be one of {string.Join(", ", Statuses)}.")]);
        }
        var query = db.DiskTasks.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(t => t.Status == status);
        }
        var rows = await query.OrderByDescending(t => t.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        return rows.Select(t => t.ToResponse()).ToList();
    }

    public async Task<ServiceResult<DiskTaskResponse>> GetAsync(long id, CancellationToken ct)
    {
        var task = await db.DiskTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return task is null ? StorageErrors.NotFound("task", id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : task.ToResponse();
    }
}
