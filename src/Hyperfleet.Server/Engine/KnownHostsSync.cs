using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// Keeps Hyperfleet's own known_hosts equal to the pins in the database (plus a key just presented by a host
/// that has none pinned yet), so the ssh that libvirt runs checks exactly what the engine checked.
/// </summary>
public sealed class KnownHostsSync(IServiceScopeFactory scopes, IControlPlaneKeys keys) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task SyncAsync(SshTarget? extra, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
            var pinned = await db.Hypervisors.AsNoTracking().Where(h => h.SshHostKey != null)
                .Select(h => new SshTarget(h.Hostname, h.SshPort, h.SshUser, h.SshHostKey)).ToListAsync(ct);
            if (extra?.PinnedHostKey is not null)
            {
                pinned.RemoveAll(p => p.Host == extra.Host && p.Port == extra.Port);
                pinned.Add(extra);
            }
            await keys.WriteKnownHostsAsync(pinned, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
