using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Desktops;

/// <summary>Viewer ports already taken on a hypervisor, by the desktops recorded there.</summary>
public static class DesktopPorts
{
    /// <summary>Statuses whose ports are held: the domain runs, may run, or is about to.</summary>
    public static readonly string[] Holding = [DesktopStatuses.Starting, DesktopStatuses.Started, DesktopStatuses.Stopping, DesktopStatuses.Unknown];

    public static async Task<List<int>> UsedOnAsync(HyperfleetDbContext db, string hypervisorId, string? exceptDesktopId, CancellationToken ct)
    {
        var rows = await db.Desktops.AsNoTracking()
            .Where(d => d.HypervisorId == hypervisorId && d.Id != exceptDesktopId && Holding.Contains(d.Status))
            .Select(d => new { d.VncPort, d.SpicePort }).ToListAsync(ct);
        return [.. rows.SelectMany(r => new[] { r.VncPort, r.SpicePort }).OfType<int>()];
    }
}
