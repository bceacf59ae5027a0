using Hyperfleet.Contracts.Video;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Video;

/// <summary>
/// The <c>viewer_sessions</c> table's one writer after issue: proxies' reports (open, bytes, end), admins' cuts,
/// and the rule that a session ends with its desktop. Desired state (a cut) is written here and carried out by the
/// proxy on its next report, the same way for the central proxy and for a hypervisor's own.
/// </summary>
public sealed class ViewerSessionLedger(HyperfleetDbContext db, ChangeFeed feed, TimeProvider time)
{
    public const string CutByAdmin = "cut";
    public const string DesktopStopped = "desktop_stopped";

    /// <summary>Records what <paramref name="proxy"/> says of its sessions and answers which to cut.</summary>
    /// <remarks>A proxy reports only the sessions issued for it: another proxy's ids are ignored.</remarks>
    public async Task<ProxyReportResponse> ReportAsync(string proxy, ProxyReportRequest report, CancellationToken ct)
    {
        var ids = report.Sessions.Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.ViewerSessions.Where(s => s.Proxy == proxy && ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, ct);
        var acknowledged = new List<string>();
        foreach (var reported in report.Sessions)
        {
            if (!rows.TryGetValue(reported.Id, out var row))
            {
                if (reported.EndedAt is not null)
                {
                    acknowledged.Add(reported.Id);
                }
                continue;
            }
            if (row.Status is ViewerSessionStatuses.Ended)
            {
                acknowledged.Add(row.Id);
                continue;
            }
            row.Status = reported.EndedAt is null ? ViewerSessionStatuses.Open : ViewerSessionStatuses.Ended;
            row.ClientAddress = Truncate(reported.ClientAddress, 64);
            row.StartedAt ??= reported.StartedAt;
            row.BytesToClient = Math.Max(row.BytesToClient, reported.BytesToClient);
            row.BytesFromClient = Math.Max(row.BytesFromClient, reported.BytesFromClient);
            if (reported.EndedAt is { } ended)
            {
                row.EndedAt = ended;
                row.EndReason = row.CutReason ?? Truncate(reported.EndReason ?? "closed", 64);
                acknowledged.Add(row.Id);
            }
        }

        // A session lives no longer than its desktop runs where the session was opened (a deleted desktop: not at all).
        var open = await (
            from session in db.ViewerSessions.Where(s => s.Proxy == proxy && s.Status == ViewerSessionStatuses.Open && s.CutReason == null)
            join desktop in db.Desktops on session.DesktopId equals desktop.Id into desktops
            from desktop in desktops.DefaultIfEmpty()
            select new { Session = session, Status = desktop == null ? null : desktop.Status, HypervisorId = desktop == null ? null : desktop.HypervisorId })
            .ToListAsync(ct);
        foreach (var item in open.Where(o => o.Status != DesktopStatuses.Started || o.HypervisorId != o.Session.HypervisorId))
        {
            item.Session.CutReason = DesktopStopped;
        }

        await ExpireIssuedAsync(ct);
        var changed = db.ChangeTracker.Entries<ViewerSession>().Where(e => e.State == EntityState.Modified).Select(e => e.Entity).ToList();
        await db.SaveChangesAsync(ct);
        changed.ForEach(s => feed.Publish(ViewerSessionMapper.Changed(s)));

        var cut = await db.ViewerSessions.Where(s => s.Proxy == proxy && s.Status == ViewerSessionStatuses.Open && s.CutReason != null)
            .Select(s => s.Id).ToListAsync(ct);
        return new ProxyReportResponse(cut, acknowledged);
    }

    public async Task<IReadOnlyList<ViewerSessionResponse>> ListAsync(string? status, string? desktopId, int limit, CancellationToken ct)
    {
        await ExpireIssuedAsync(ct);
        await db.SaveChangesAsync(ct);
        var query = db.ViewerSessions.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(s => s.Status == status);
        }
        if (!string.IsNullOrEmpty(desktopId))
        {
            query = query.Where(s => s.DesktopId == desktopId);
        }
        // Newest first, paged in the database: times are stored as UTC (binary-converted on SQLite), so they order as written.
        var rows = await query.OrderByDescending(s => s.IssuedAt).ThenByDescending(s => s.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        return [.. rows.Select(s => s.ToResponse())];
    }

    /// <summary>Asks the session's proxy to close it; an issued ticket is voided at once.</summary>
    public async Task<ServiceResult<ViewerSessionResponse>> CutAsync(string id, CancellationToken ct)
    {
        var row = await db.ViewerSessions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (row is null)
        {
            return ViewerErrors.SessionNotFound(id);
        }
        if (row.Status is ViewerSessionStatuses.Ended or ViewerSessionStatuses.Expired)
        {
            return ViewerErrors.SessionEnded(id);
        }
        row.CutReason = CutByAdmin;
        if (row.Status == ViewerSessionStatuses.Issued)
        {
            // Not opened yet: the proxy may never report it. Its ticket stays valid for seconds at most; recorded as ended.
            row.Status = ViewerSessionStatuses.Ended;
            row.EndedAt = time.GetUtcNow();
            row.EndReason = CutByAdmin;
        }
        await db.SaveChangesAsync(ct);
        feed.Publish(ViewerSessionMapper.Changed(row));
        return row.ToResponse();
    }

    private async Task ExpireIssuedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var issued = await db.ViewerSessions.Where(s => s.Status == ViewerSessionStatuses.Issued).ToListAsync(ct);
        foreach (var row in issued.Where(s => s.ExpiresAt < now - TimeSpan.FromSeconds(5)))
        {
            row.Status = ViewerSessionStatuses.Expired;
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
