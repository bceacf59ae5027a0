using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// The engine never trusts a stale status: at start every Online or Error row becomes Offline until the
/// engine proves otherwise (IsardVDI hosts could stay "Online" from before a crash).
/// </summary>
public sealed class StartupStatusReset(IServiceScopeFactory scopes)
{
    public async Task<int> ResetAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<HypervisorService>();
        var stale = await db.Hypervisors.AsNoTracking()
            .Where(h => h.Status == HypervisorStatus.Online || h.Status == HypervisorStatus.Error)
            .Select(h => h.Id).ToListAsync(ct);
        foreach (var id in stale)
        {
            await service.SetStatusAsync(id, HypervisorStatus.Offline, null, "control plane started: not proven yet", "engine", ct);
        }
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await Desktops.DesktopStartupReset.ResetAsync(db, Data.StorageClock.GetUtcNowForStorage(time), ct);
        return stale.Count;
    }
}
