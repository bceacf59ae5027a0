using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Video;

/// <summary>
/// The central proxy's allow-list (seed 002): the hosts of the registry's <c>hypervisor-standalone</c> hypervisors (their
/// <c>viewer.proxy_hyper_host</c>, else hostname), plus <c>VIDEO_HYPERVISOR_HOSTNAMES</c>. Read from the database at most
/// every <see cref="RefreshInterval"/>, so a hypervisor added a moment ago is viewable within it.
/// </summary>
public sealed class RegistryVideoAllowList(IServiceScopeFactory scopes, IEnumerable<string> configured, TimeProvider time) : IVideoAllowList
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly AllowList fixedHosts = new(configured);
    private readonly Lock gate = new();
    private HashSet<string> registry = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset refreshedAt = DateTimeOffset.MinValue;

    public bool IsAllowed(string host)
    {
        if (fixedHosts.IsAllowed(host))
        {
            return true;
        }
        lock (gate)
        {
            if (time.GetUtcNow() - refreshedAt >= RefreshInterval)
            {
                Refresh();
            }
            return registry.Contains(host);
        }
    }

    private void Refresh()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            var rows = db.Hypervisors.AsNoTracking().Where(h => h.Flavour == HypervisorFlavour.HypervisorStandalone)
                .Select(h => new { h.Hostname, h.ViewerProxyHyperHost }).ToList();
            registry = new HashSet<string>(rows.Select(r => string.IsNullOrWhiteSpace(r.ViewerProxyHyperHost) ? r.Hostname : r.ViewerProxyHyperHost!),
                StringComparer.OrdinalIgnoreCase);
            refreshedAt = time.GetUtcNow();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The database is away: the last list answers until it is back (tried again on the next connection).
        }
    }
}
