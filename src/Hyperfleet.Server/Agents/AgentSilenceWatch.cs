using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Agents;

/// <summary>
/// Marks agents that missed their heartbeats <c>silent</c>, with a history row. Silence is about the agent, not the host:
/// the status stays what the engine proves over SSH/libvirt, so a dead agent is never mistaken for libvirt down.
/// </summary>
public sealed partial class AgentSilenceWatch(IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider time,
    IOptions<AgentSettings> settings, ILogger<AgentSilenceWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.HeartbeatInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await MarkSilentAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWatchFailed(logger, e);
            }
        }
    }

    public async Task<int> MarkSilentAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var silentAfter = settings.Value.SilentAfter;
        var cutoff = time.GetUtcNowForStorage() - silentAfter;
        var quiet = await db.Hypervisors
            .Where(h => (h.AgentState == AgentStates.Running || h.AgentState == AgentStates.Registered) && h.AgentHeartbeatAt < cutoff)
            .ToListAsync(ct);
        var marked = 0;
        foreach (var h in quiet)
        {
            var last = h.AgentHeartbeatAt;
            h.AgentState = AgentStates.Silent;
            h.Version++;
            var evt = HypervisorHistory.Record(db, time, h, EngineStatusWriter.Actor, "agent_silent",
                detail: $"its agent has not reported since {last:u} (expected every {settings.Value.HeartbeatInterval.TotalSeconds:0} s); " +
                        "the host's status is still what the engine sees");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A heartbeat (or the engine) wrote it meanwhile: decide again on the next tick.
                db.ChangeTracker.Clear();
                continue;
            }
            marked++;
            LogSilent(logger, h.Id, last);
            feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt.ToResponse(), h.ToResponse()));
        }
        return marked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The agent of hypervisor {HypervisorId} is silent since {LastHeartbeat}")]
    private static partial void LogSilent(ILogger logger, string hypervisorId, DateTimeOffset? lastHeartbeat);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent silence watch failed; retrying on the next tick")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
