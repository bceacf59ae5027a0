using Hyperfleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// The <c>default</c> pool at <c>/opt/isard</c>, as IsardVDI has it. It exists from first start; every hypervisor
/// added later joins it (an admin can take a host out with <c>PATCH /pools/default</c>), so a fresh install works
/// without any pool configuration. When the pool is first made on an existing fleet, every hypervisor joins.
/// </summary>
public sealed class DefaultPool(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Creates the default pool when missing. Safe to run on every start and from several replicas at once.</summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        if (await db.StoragePools.AnyAsync(p => p.Id == StoragePoolDefaults.DefaultPoolId, ct))
        {
            return;
        }
        var mountpoint = StoragePoolDefaults.Mountpoint;
        var hypervisors = await db.Hypervisors.Select(h => h.Id).ToListAsync(ct);
        db.StoragePools.Add(new StoragePool
        {
            Id = StoragePoolDefaults.DefaultPoolId,
            Name = "Default",
            Mountpoint = mountpoint,
            BasesPath = StoragePoolService.Under(mountpoint, "bases"),
            TemplatesPath = StoragePoolService.Under(mountpoint, "templates"),
            GroupsPath = StoragePoolService.Under(mountpoint, "groups"),
            MediaPath = StoragePoolService.Under(mountpoint, "media"),
            VolatilePath = StoragePoolService.Under(mountpoint, "volatile"),
            CreatedAt = time.GetUtcNowForStorage(),
            Hypervisors = hypervisors.Select(h => new StoragePoolHypervisor { PoolId = StoragePoolDefaults.DefaultPoolId, HypervisorId = h }).ToList(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await ExistsNowAsync(scopes, ct))
            {
                throw;
            }
            // Another replica made it first.
        }
    }

    /// <summary>Adds a new hypervisor to the default pool, in the caller's transaction (no-op if the pool is gone).</summary>
    public static async Task JoinAsync(HyperfleetDbContext db, string hypervisorId, CancellationToken ct)
    {
        if (await db.StoragePools.AnyAsync(p => p.Id == StoragePoolDefaults.DefaultPoolId, ct))
        {
            db.StoragePoolHypervisors.Add(new StoragePoolHypervisor { PoolId = StoragePoolDefaults.DefaultPoolId, HypervisorId = hypervisorId });
        }
    }

    private static async Task<bool> ExistsNowAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        return await db.StoragePools.AnyAsync(p => p.Id == StoragePoolDefaults.DefaultPoolId, ct);
    }
}
