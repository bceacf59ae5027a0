using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Records how a run ended, in one transaction with the owner's transition. The task row is updated only while
/// this worker still holds it (same <c>claimed_by</c>, still running), so a worker that lost its lease to another
/// never overwrites the other's outcome, and an owner is moved on exactly once.
/// </summary>
public sealed class DiskTaskCompletion(IServiceScopeFactory scopes, ChangeFeed feed, DiskTaskSignal signal, StorageSettings settings, TimeProvider time)
{
    /// <summary>Finishes or requeues the task; false when this worker no longer held it.</summary>
    public async Task<bool> FinishAsync(long id, string worker, DiskOperationOutcome outcome, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryFinishAsync(id, worker, outcome, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // An owner row changed under us (an admin edit); everything rolled back: read again and redo.
            }
        }
    }

    private async Task<bool> TryFinishAsync(long id, string worker, DiskOperationOutcome outcome, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNowForStorage();
        var held = db.DiskTasks.Where(t => t.Id == id && t.ClaimedBy == worker && t.Status == DiskTaskStatuses.Running);
        var attempts = await held.Select(t => (int?)t.Attempts).SingleOrDefaultAsync(ct);
        if (attempts is null)
        {
            return false;
        }
        var (status, text) = outcome.Kind switch
        {
            DiskOperationOutcomeKind.Done => (DiskTaskStatuses.Done, outcome.Text),
            DiskOperationOutcomeKind.Permanent => (DiskTaskStatuses.Failed, outcome.Text),
            _ when attempts >= settings.MaxAttempts => (DiskTaskStatuses.Failed, $"gave up after {attempts} attempts: {outcome.Text}"),
            _ => (DiskTaskStatuses.Queued, outcome.Text),
        };
        var final = status != DiskTaskStatuses.Queued;
        var notBefore = now + Backoff(attempts.Value);
        var changed = await held.ExecuteUpdateAsync(s =>
        {
            s.SetProperty(t => t.Status, status).SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null);
            if (status == DiskTaskStatuses.Done)
            {
                s.SetProperty(t => t.Result, text).SetProperty(t => t.Error, (string?)null);
            }
            else
            {
                s.SetProperty(t => t.Error, text);
            }
            if (final)
            {
                s.SetProperty(t => t.FinishedAt, now);
            }
            else
            {
                s.SetProperty(t => t.ClaimedBy, (string?)null).SetProperty(t => t.NotBefore, notBefore);
            }
        }, ct);
        if (changed != 1)
        {
            return false;
        }
        var task = await db.DiskTasks.AsNoTracking().SingleAsync(t => t.Id == id, ct);
        var notices = new List<ChangeNotification> { StorageNotifications.TaskChanged(task) };
        IReadOnlyList<DiskTask> queued = [];
        if (final)
        {
            queued = await DiskTaskOwners.ApplyAsync(db, task, now, notices, ct);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (queued.Count > 0)
        {
            signal.Notify(); // a follow-up was just queued
            notices.AddRange(queued.Select(StorageNotifications.TaskChanged));
        }
        foreach (var notice in notices)
        {
            feed.Publish(notice);
        }
        return true;
    }

    /// <summary>Exponential from <see cref="StorageSettings.BackoffInitial"/>, capped, with ±20 % jitter so retries of many tasks spread out.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var raw = Math.Min(settings.BackoffCap.TotalMilliseconds, settings.BackoffInitial.TotalMilliseconds * Math.Pow(2, exponent));
#pragma warning disable CA5394 // jitter, not security
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Round(raw * jitter));
    }
}
