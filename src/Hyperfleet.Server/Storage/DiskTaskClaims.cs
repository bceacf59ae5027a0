using System.Data.Common;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Claims disk tasks for one worker. The claim is one atomic UPDATE: on PostgreSQL the candidate row is picked with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers (of any replica) skip each other's rows instead of waiting;
/// on SQLite (one writer at a time) the UPDATE repeats the status/lease condition, so two workers can never both
/// win the same row. A task is claimable when it is queued and due, or running with an expired lease (its worker
/// died), no earlier task of the same owner is pending (an owner's tasks run in order), and its pool has a host
/// that can run it now.
/// </summary>
public sealed class DiskTaskClaims(IServiceScopeFactory scopes, StorageSettings settings, TimeProvider time) : IDisposable
{
    private const string Candidate = """
        SELECT t.id FROM disk_tasks t
        WHERE ((t.status = 'queued' AND t.not_before <= @now) OR (t.status = 'running' AND t.lease_until < @now))
          AND NOT EXISTS (SELECT 1 FROM disk_tasks p
                          WHERE p.owner_kind = t.owner_kind AND p.owner_id = t.owner_id AND p.id < t.id
                            AND p.status IN ('queued', 'running'))
          AND EXISTS (SELECT 1 FROM storage_pool_hypervisors m JOIN hypervisors h ON h.id = m.hypervisor_id
                      WHERE m.pool_id = t.pool_id AND h.enabled AND h.cap_disk_operations
                        AND h.status = 'Online' AND h.ssh_host_key IS NOT NULL)
        ORDER BY t.id
        LIMIT 1
        """;

    private const string ClaimHead = """
        UPDATE disk_tasks
        SET status = 'running', claimed_by = @worker, lease_until = @lease, attempts = attempts + 1,
            started_at = @now, hypervisor_id = NULL
        WHERE id = (
        """;

    private const string ClaimTail = """
        )
          AND ((status = 'queued' AND not_before <= @now) OR (status = 'running' AND lease_until < @now))
        RETURNING id
        """;

    private static readonly string PostgresClaim = ClaimHead + Candidate + "\nFOR UPDATE OF t SKIP LOCKED" + ClaimTail;
    private static readonly string SqliteClaim = ClaimHead + Candidate + ClaimTail;

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    // Choosing a host and recording it is one step per replica, so "least in flight" counts the choice just made.
    private readonly SemaphoreSlim choosing = new(1, 1);

    /// <summary>Claims the next task and assigns it a host; null when nothing is claimable.</summary>
    public async Task<(DiskTask Task, Hypervisor Host)?> ClaimAsync(string worker, CancellationToken ct)
    {
        var id = await ClaimIdAsync(worker, ct);
        if (id is null)
        {
            return null;
        }
        await choosing.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            var task = await db.DiskTasks.AsNoTracking().SingleAsync(t => t.Id == id, ct);
            var host = await ChooseHostAsync(db, task.PoolId, ct);
            if (host is null)
            {
                // The pool's last usable host went away between the claim and now: give the task back, uncounted.
                await db.DiskTasks.Where(t => t.Id == id && t.ClaimedBy == worker && t.Status == DiskTaskStatuses.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, DiskTaskStatuses.Queued)
                        .SetProperty(t => t.ClaimedBy, (string?)null).SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null)
                        .SetProperty(t => t.Attempts, t => t.Attempts - 1)
                        .SetProperty(t => t.NotBefore, time.GetUtcNowForStorage() + settings.PollInterval), ct);
                return null;
            }
            var assigned = await db.DiskTasks.Where(t => t.Id == id && t.ClaimedBy == worker && t.Status == DiskTaskStatuses.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.HypervisorId, host.Id), ct);
            task.HypervisorId = host.Id;
            return assigned == 1 ? (task, host) : null;
        }
        finally
        {
            choosing.Release();
        }
    }

    /// <summary>Extends the lease of a task this worker holds; false when it lost the task (another worker reclaimed it).</summary>
    public async Task<bool> RenewAsync(long id, string worker, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var lease = time.GetUtcNowForStorage() + settings.Lease;
        return await db.DiskTasks.Where(t => t.Id == id && t.ClaimedBy == worker && t.Status == DiskTaskStatuses.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntil, lease), ct) == 1;
    }

    internal static async Task<Hypervisor?> ChooseHostAsync(HyperfleetDbContext db, string poolId, CancellationToken ct)
    {
        var members = (await db.StoragePoolHypervisors.Where(m => m.PoolId == poolId).Select(m => m.HypervisorId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var hosts = await db.Hypervisors.AsNoTracking()
            .Where(h => members.Contains(h.Id) && h.Enabled && h.CapDiskOperations && h.Status == HypervisorStatus.Online)
            .ToListAsync(ct);
        var ids = hosts.Select(h => h.Id).ToList();
        var inFlight = await db.DiskTasks.Where(t => t.Status == DiskTaskStatuses.Running && t.HypervisorId != null && ids.Contains(t.HypervisorId))
            .GroupBy(t => t.HypervisorId!).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        return DiskHostChooser.Choose(hosts, members, inFlight.ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal));
    }

    private async Task<long?> ClaimIdAsync(string worker, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var postgres = db.Database.IsNpgsql();
        var now = time.GetUtcNowForStorage();
        var sql = postgres ? PostgresClaim : SqliteClaim;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Look before locking: an idle queue (the common case) costs one read, no write lock, no row locks.
            await using (var peek = connection.CreateCommand())
            {
                peek.CommandText = Candidate;
                Add(peek, "now", postgres ? now : SqliteTime.ConvertToProvider(now));
                if (await peek.ExecuteScalarAsync(ct) is null or DBNull)
                {
                    return null;
                }
            }
            // The lease counts from now, not from before the look: a slow first query must not eat into it.
            now = time.GetUtcNowForStorage();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "worker", worker);
            Add(command, "now", postgres ? now : SqliteTime.ConvertToProvider(now));
            Add(command, "lease", postgres ? now + settings.Lease : SqliteTime.ConvertToProvider(now + settings.Lease));
            var result = await command.ExecuteScalarAsync(ct);
            return result is null or DBNull ? null : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public void Dispose() => choosing.Dispose();

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
