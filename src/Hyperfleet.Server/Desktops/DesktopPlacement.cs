using Hyperfleet.Core.Overlay;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Placement;
using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// The placement fleet of this control plane: refreshed from the hypervisors rows (status, flags, reserve, last stats,
/// pool membership) before each decision, with in-flight reservations held in memory from the decision until
/// libvirt reports the desktop running or its start fails.
/// </summary>
public sealed class DesktopPlacement(IOptions<PlacementSettings> settings)
{
    private readonly Lock gate = new();
    private readonly PlacementFleet fleet = new(PlacementPolicies.Parse(settings.Value.Weigher));

    /// <summary>Refreshes the fleet from the database, then places the desktop and reserves its memory on the host chosen.</summary>
    public async Task<PlacementDecision> PlaceAsync(HyperfleetDbContext db, Desktop desktop, CancellationToken ct)
    {
        var rows = await db.Hypervisors.AsNoTracking().ToListAsync(ct);
        var pools = await db.StoragePoolHypervisors.AsNoTracking().ToListAsync(ct);
        var poolsByHost = pools.GroupBy(p => p.HypervisorId).ToDictionary(g => g.Key, g => g.Select(p => p.PoolId).ToList());
        var hosts = rows.Select(h => new PlacementHost(h.Id)
        {
            Online = h.Status == HypervisorStatus.Online,
            Enabled = h.Enabled,
            CapHypervisor = h.CapHypervisor,
            OnlyForced = h.OnlyForced,
            MinFreeMemMib = Math.Max(0, h.MinFreeMemMib),
            FreeMemMib = h.MemoryFreeMib is { } free ? Math.Clamp(free, 0, PlacementFleet.MaxMemoryMib) : null,
            TotalMemMib = h.MemoryTotalMib is { } total ? Math.Clamp(total, 0, PlacementFleet.MaxMemoryMib) : null,
            CpuPercent = h.CpuPercent,
            DesktopsRunning = h.DesktopsRunning ?? 0,
            PoolIds = poolsByHost.GetValueOrDefault(h.Id) ?? [],
            Vlans = VlanIds.Parse(h.Vlans),
        }).ToList();
        var request = new PlacementRequest(desktop.Id, desktop.MemoryMib, desktop.PoolId, desktop.ForcedHypervisorId, desktop.FavouriteHypervisorId,
            desktop.Vlan);
        lock (gate)
        {
            var present = hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in Known().Where(id => !present.Contains(id)))
            {
                fleet.Remove(gone);
                known.Remove(gone);
            }
            foreach (var host in hosts)
            {
                fleet.Upsert(host);
                known.Add(host.Id);
            }
            return fleet.PlaceAndReserve(request);
        }
    }

    /// <summary>Drops the desktop's in-flight reservation: it runs (stats count it from now on) or its start failed.</summary>
    public void Release(string desktopId)
    {
        lock (gate)
        {
            fleet.Release(desktopId);
        }
    }

    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private List<string> Known() => [.. known];
}
