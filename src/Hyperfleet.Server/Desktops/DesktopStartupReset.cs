using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// At engine start every hypervisor is Offline until proven, so nothing is known of what runs there: desktops that
/// were starting, running or stopping become <c>Unknown</c>, and reconciliation settles each once its host is Online
/// (running domains adopted, never started twice; the rest Stopped).
/// </summary>
public static class DesktopStartupReset
{
    public static Task<int> ResetAsync(HyperfleetDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.Desktops
            .Where(d => d.Status == DesktopStatuses.Starting || d.Status == DesktopStatuses.Started || d.Status == DesktopStatuses.Stopping)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DesktopStatuses.Unknown)
                .SetProperty(d => d.StatusDetail, "control plane started: not proven yet")
                .SetProperty(d => d.StatusSince, now)
                .SetProperty(d => d.Version, d => d.Version + 1), ct);
}
