using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// The lifecycle's own writes (start and stop outcomes, events, reconciliation). Each re-reads the row and lets
/// <c>decide</c> look at it as it is now; a concurrent change (the Version token) makes it read again and
/// re-decide, so a late outcome never overwrites an admin's newer request.
/// </summary>
public sealed class DesktopStatusWriter(IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider time)
{
    /// <summary>
    /// Applies <paramref name="decide"/> to the current row; it returns false to leave the row alone.
    /// </summary>
    /// <returns>The row as written, or null when the desktop is gone or <paramref name="decide"/> declined.</returns>
    public async Task<Desktop?> ChangeAsync(string desktopId, Func<Desktop, bool> decide, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var d = await db.Desktops.SingleOrDefaultAsync(x => x.Id == desktopId, ct);
            if (d is null)
            {
                return null;
            }
            var before = (d.Status, d.StatusDetail);
            if (!decide(d))
            {
                return null;
            }
            if (before != (d.Status, d.StatusDetail))
            {
                d.StatusSince = time.GetUtcNowForStorage();
            }
            d.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            feed.Publish(DesktopMapper.Changed(d));
            return d;
        }
        return null;
    }

    /// <summary>Sets a status (and detail), keeping everything else.</summary>
    public static void Set(Desktop d, string status, string? detail)
    {
        d.Status = status;
        d.StatusDetail = detail;
        if (status is DesktopStatuses.Stopped or DesktopStatuses.Failed)
        {
            // Nothing listens any more; the hypervisor stays as where it last ran.
            d.VncPort = null;
            d.SpicePort = null;
        }
    }
}
