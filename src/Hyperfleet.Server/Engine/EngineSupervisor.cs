using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// Reconciles monitors with the database: one monitor per enabled hypervisor that is not being deleted;
/// disabled, deleted or changed hypervisors get their monitor stopped (and restarted with the new settings).
/// Wakes on every committed change and, as a safety net, periodically. If this loop itself dies, the host
/// stops: a silent engine would leave every hypervisor's status stale.
/// </summary>
public sealed partial class EngineSupervisor(
    IServiceScopeFactory scopes,
    ChangeFeed feed,
    IHypervisorConnector connector,
    EngineStatusWriter status,
    EngineSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    HypervisorConnections connections) : BackgroundService
{
    private readonly Dictionary<string, (HypervisorMonitor Monitor, CancellationTokenSource Stop, Task Run)> monitors = [];
    private readonly ILogger logger = loggers.CreateLogger<EngineSupervisor>();

    /// <summary>Number of running monitors (for tests and diagnostics).</summary>
    public int MonitorCount { get { lock (monitors) { return monitors.Count; } } }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        var wake = new SemaphoreSlim(0);
        _ = Task.Run(async () =>
        {
            await foreach (var change in subscription.ReadAllAsync(stoppingToken))
            {
                if (change.Kind != "ready" && change.Event is { Actor: not EngineStatusWriter.Actor })
                {
                    wake.Release();
                }
            }
        }, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(stoppingToken);
                try
                {
                    await wake.WaitAsync(settings.ReconcileInterval, stoppingToken);
                    while (wake.CurrentCount > 0)
                    {
                        await wake.WaitAsync(stoppingToken); // merge a burst of changes into one pass
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // Deliberate: any escape ends the process instead of leaving a silent engine.
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogSupervisorDied(logger, e);
            lifetime.StopApplication();
        }
        finally
        {
            await StopAllAsync();
        }
    }

    public async Task ReconcileAsync(CancellationToken ct)
    {
        List<HypervisorTarget> desired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            desired = await db.Hypervisors.AsNoTracking()
                .Where(h => h.Enabled && h.Status != HypervisorStatus.Deleting)
                .Select(h => new HypervisorTarget(h.Id, h.Hostname, h.SshPort, h.SshUser, h.SshHostKey,
                    h.CapHypervisor, h.CapDiskOperations, settings.DefaultStoragePath))
                .ToListAsync(ct);
        }
        var wanted = desired.ToDictionary(t => t.Id);
        List<(HypervisorMonitor Monitor, CancellationTokenSource Stop, Task Run)> stopping = [];
        lock (monitors)
        {
            foreach (var (id, entry) in monitors.ToList())
            {
                if (!wanted.TryGetValue(id, out var target) || RequiresRestart(entry.Monitor.Target, target))
                {
                    entry.Stop.Cancel();
                    stopping.Add(entry);
                    monitors.Remove(id);
                }
            }
        }
        await WhenAllEndedAsync(stopping.Select(s => s.Run));
        foreach (var s in stopping)
        {
            s.Stop.Dispose();
        }
        lock (monitors)
        {
            foreach (var target in desired.Where(t => !monitors.ContainsKey(t.Id)))
            {
                var monitor = new HypervisorMonitor(target, connector, status, settings, time, loggers.CreateLogger<HypervisorMonitor>(), CurrentPinAsync, connections);
                var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                monitors[target.Id] = (monitor, stop, Task.Run(() => monitor.RunAsync(stop.Token), CancellationToken.None));
            }
        }
    }

    private async Task<string?> CurrentPinAsync(string id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        return await db.Hypervisors.AsNoTracking().Where(h => h.Id == id).Select(h => h.SshHostKey).SingleOrDefaultAsync(ct);
    }

    // A pin recorded by the monitor's own first connection is no reason to reconnect; a re-pin by an admin is.
    internal static bool RequiresRestart(HypervisorTarget running, HypervisorTarget desired) =>
        (running.PinnedHostKey is null ? running with { PinnedHostKey = desired.PinnedHostKey } : running) != desired;

    private async Task StopAllAsync()
    {
        List<(HypervisorMonitor Monitor, CancellationTokenSource Stop, Task Run)> all;
        lock (monitors)
        {
            all = [.. monitors.Values];
            monitors.Clear();
        }
        foreach (var entry in all)
        {
            await entry.Stop.CancelAsync();
        }
        await WhenAllEndedAsync(all.Select(e => e.Run));
    }

    /// <summary>Waits for monitors to end; one that ended in a fault is over too, and must not take the supervisor down.</summary>
    private static async Task WhenAllEndedAsync(IEnumerable<Task> runs)
    {
        foreach (var run in runs)
        {
            await run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The engine supervisor died; stopping the host rather than leaving statuses stale")]
    private static partial void LogSupervisorDied(ILogger logger, Exception exception);
}
