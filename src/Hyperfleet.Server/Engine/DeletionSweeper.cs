using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// Removes hypervisors in <c>Deleting</c> once nothing runs there: the engine's last observation of the host
/// (<c>desktops_running</c>) is zero or unknown, and no desktop is recorded there as starting, running, stopping
/// or unknown (a host lost with its desktops keeps them until it is back, or is force deleted).
/// </summary>
public sealed partial class DeletionSweeper(
    IServiceScopeFactory scopes,
    ChangeFeed feed,
    TimeProvider time,
    IOptions<HyperfleetOptions> options,
    ILogger<DeletionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeletionSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var ready = await db.Hypervisors
            .Where(h => h.Status == HypervisorStatus.Deleting && (h.DesktopsRunning == null || h.DesktopsRunning == 0)
                && !db.Desktops.Any(d => d.HypervisorId == h.Id && Desktops.DesktopPorts.Holding.Contains(d.Status)))
            .ToListAsync(ct);
        foreach (var h in ready)
        {
            db.Hypervisors.Remove(h);
            var evt = Hypervisors.HypervisorHistory.Record(db, time, h, EngineStatusWriter.Actor, "deleted",
                detail: "nothing runs there any more: removed");
            evt.FromStatus = h.Status.ToString();
            await db.SaveChangesAsync(ct);
            LogRemoved(logger, h.Id);
            feed.Publish(new ChangeNotification("hypervisor.removed", h.Id, Hypervisors.HypervisorMapper.ToResponse(evt), null));
        }
        return ready.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hypervisor {HypervisorId} removed: nothing runs there")]
    private static partial void LogRemoved(ILogger logger, string hypervisorId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deletion sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
