using Hyperfleet.Server.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// The disk-task workers of one replica (role <c>engine</c>): <see cref="StorageSettings.Workers"/> loops that claim a
/// task, run it on the host chosen for it while renewing the lease, and record the outcome. A transient failure is
/// requeued with backoff; a loop never dies of one task's failure. If this replica stops or dies mid-task, the
/// lease runs out and another worker reruns the task (every operation is idempotent).
/// </summary>
public sealed partial class DiskTaskWorker(
    DiskTaskClaims claims,
    DiskTaskCompletion completion,
    IDiskOperations operations,
    DiskTaskSignal signal,
    Events.ChangeFeed feed,
    StorageSettings settings,
    TimeProvider time,
    ILogger<DiskTaskWorker> logger) : BackgroundService
{
    private readonly string replica = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, Math.Max(1, settings.Workers)).Select(i => LoopAsync($"{replica}/{i}", stoppingToken)));

    private async Task LoopAsync(string worker, CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var claimed = await claims.ClaimAsync(worker, ct);
                if (claimed is { } work)
                {
                    feed.Publish(StorageNotifications.TaskChanged(work.Task));
                    await RunAsync(worker, work.Task, work.Host, ct);
                    continue;
                }
                var wake = signal.WaitAsync();
                await Task.WhenAny(wake, Task.Delay(settings.PollInterval, time, ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop outlives any one failure (database briefly down, a bug in one task)
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogLoopFailed(worker, e);
                try
                {
                    await Task.Delay(settings.PollInterval * 5, time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunAsync(string worker, DiskTask task, Hypervisor host, CancellationToken ct)
    {
        LogStarted(task.Id, task.Kind, host.Id, task.Attempts);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewAsync(task.Id, worker, running.Token);
        DiskOperationOutcome outcome;
        try
        {
            outcome = await operations.RunAsync(task, DiskHosts.SshTargetOf(host), running.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another worker picks the task up.
            throw;
        }
#pragma warning disable CA1031 // an unexpected failure of one run is recorded and retried, not fatal
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = DiskOperationOutcome.Transient("internal_error", e.Message);
        }
        finally
        {
            await running.CancelAsync();
            await renewing;
        }
        var recorded = await completion.FinishAsync(task.Id, worker, outcome, ct);
        if (!recorded)
        {
            LogLost(task.Id, worker);
        }
        else if (outcome.Kind == DiskOperationOutcomeKind.Done)
        {
            LogDone(task.Id, task.Kind, host.Id);
        }
        else
        {
            LogFailed(task.Id, task.Kind, host.Id, outcome.Kind.ToString(), outcome.Reason, outcome.Text);
        }
    }

    private async Task RenewAsync(long id, string worker, CancellationToken ct)
    {
        try
        {
            // Renewed at once (choosing the host took part of the lease), then every third of it.
            while (true)
            {
                if (!await claims.RenewAsync(id, worker, CancellationToken.None))
                {
                    LogLost(id, worker);
                    return;
                }
                await Task.Delay(settings.Lease / 3, time, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
#pragma warning disable CA1031 // a failed renewal only risks a rerun, which is idempotent
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLoopFailed(worker, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disk task {TaskId} ({Kind}) started on {Hypervisor}, attempt {Attempt}")]
    private partial void LogStarted(long taskId, string kind, string hypervisor, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disk task {TaskId} ({Kind}) done on {Hypervisor}")]
    private partial void LogDone(long taskId, string kind, string hypervisor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disk task {TaskId} ({Kind}) on {Hypervisor}: {Outcome} failure {Reason}: {Error}")]
    private partial void LogFailed(long taskId, string kind, string hypervisor, string outcome, string? reason, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disk task {TaskId}: worker {Worker} lost its lease; the task's new holder records the outcome")]
    private partial void LogLost(long taskId, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Disk task worker {Worker} failed; retrying")]
    private partial void LogLoopFailed(string worker, Exception exception);
}
