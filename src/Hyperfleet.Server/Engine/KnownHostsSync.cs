using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// Keeps Hyperfleet's own known_hosts equal to the pins in the database plus the keys hosts without a pin have
/// just presented, so the ssh that libvirt runs checks exactly what the engine checked.
/// </summary>
/// <remarks>
/// A presented key is remembered until the database holds a pin for that address: the engine writes the pin
/// only once the connection is up, and a sync for another host in between must not drop it (libvirt opens
/// more connections to the host later, for start lanes, and those would fail host key verification).
/// </remarks>
public sealed class KnownHostsSync(IServiceScopeFactory scopes, IControlPlaneKeys keys) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, SshTarget> presented = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rewrites known_hosts; <paramref name="presentedNow"/>'s key wins for its address.</summary>
    public async Task SyncAsync(SshTarget? presentedNow, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            var pinned = await db.Hypervisors.AsNoTracking().Where(h => h.SshHostKey != null)
                .Select(h => new SshTarget(h.Hostname, h.SshPort, h.SshUser, h.SshHostKey)).ToListAsync(ct);
            var pinnedAddresses = pinned.Select(Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (presentedNow?.PinnedHostKey is not null)
            {
                presented[Address(presentedNow)] = presentedNow;
            }
            foreach (var (address, target) in presented.ToList())
            {
                if (ReferenceEquals(target, presentedNow))
                {
                    pinned.RemoveAll(p => string.Equals(Address(p), address, StringComparison.OrdinalIgnoreCase));
                    pinned.Add(target);
                }
                else if (pinnedAddresses.Contains(address))
                {
                    presented.Remove(address);
                }
                else
                {
                    pinned.Add(target);
                }
            }
            await keys.WriteKnownHostsAsync(pinned, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Address(SshTarget target) => ControlPlaneKeys.KnownHostsName(target.Host, target.Port);

    public void Dispose() => gate.Dispose();
}
