using System.Text;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Ssh;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// <c>POST /pools/{id}/check</c>: on every Online, disk-capable member, over SSH with the pinned host key, checks
/// that the mountpoint is there and that each directory exists (creating missing ones under the mountpoint) and
/// is writable. A missing mountpoint is reported, never created: writing into an unmounted directory would fill
/// the host's root filesystem.
/// </summary>
public sealed class PoolChecker(HyperfleetDbContext db, ISshConnector ssh)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public async Task<ServiceResult<PoolCheckResponse>> CheckAsync(string id, CancellationToken ct)
    {
        var pool = await db.StoragePools.AsNoTracking().Include(p => p.Hypervisors).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pool is null)
        {
            return StorageErrors.NotFound("pool", id);
        }
        var memberIds = pool.Hypervisors.Select(h => h.HypervisorId).ToList();
        var members = await db.Hypervisors.AsNoTracking().Where(h => memberIds.Contains(h.Id)).OrderBy(h => h.Id).ToListAsync(ct);
        var hosts = await Task.WhenAll(members.Select(h => CheckHostAsync(pool, h, ct)));
        var ok = hosts.Any(h => h.Checked) && hosts.Where(h => h.Checked).All(h => h.Ok);
        return new PoolCheckResponse(id, ok, hosts);
    }

    private async Task<PoolHostCheck> CheckHostAsync(StoragePool pool, Hypervisor h, CancellationToken ct)
    {
        if (!h.CapDiskOperations)
        {
            return Skipped(h, "not_disk_capable", "a pure hypervisor runs no disk operations");
        }
        if (!DiskHosts.CanRunDiskOperations(h))
        {
            return Skipped(h, "not_online", h.Enabled ? $"it is {h.Status}" : "it is disabled");
        }
        var (result, login) = await ssh.RunAsync(DiskHosts.SshTargetOf(h), Script(pool), Timeout, ct);
        if (result is null)
        {
            return new PoolHostCheck(h.Id, true, false, login.Reason ?? "ssh_error", login.Detail, []);
        }
        var paths = Parse(pool, result.Stdout);
        if (paths.Count == 0 || paths[0] is { Name: "mountpoint", Exists: false })
        {
            return new PoolHostCheck(h.Id, true, false, "mountpoint_missing",
                $"{pool.Mountpoint} does not exist on {h.Id}: mount the shared storage there", paths);
        }
        var bad = paths.Where(p => !p.Exists || !p.Writable).ToList();
        return bad.Count == 0
            ? new PoolHostCheck(h.Id, true, true, null, null, paths)
            : new PoolHostCheck(h.Id, true, false, "path_not_writable",
                string.Join("; ", bad.Select(p => p.Exists ? $"{p.Path} is not writable" : $"{p.Path} could not be created")) +
                (result.Stderr.Length > 0 ? $" ({result.Stderr.Trim()})" : ""), paths);
    }

    private static PoolHostCheck Skipped(Hypervisor h, string reason, string detail) => new(h.Id, false, false, reason, detail, []);

    /// <summary>One line per directory: <c>name exists created writable</c> (0/1).</summary>
    internal static string Script(StoragePool pool)
    {
        var script = new StringBuilder();
        script.Append("check() { n=$1; p=$2; c=0; if [ ! -d \"$p\" ]; then mkdir -p -- \"$p\" && c=1; fi; ")
              .Append("e=0; [ -d \"$p\" ] && e=1; w=0; t=\"$p/.hyperfleet-check-$$\"; ")
              .Append("if [ $e = 1 ] && ( : > \"$t\" ) 2>/dev/null; then rm -f -- \"$t\"; w=1; fi; echo \"$n $e $c $w\"; }; ");
        var mount = ShellQuoting.Quote(pool.Mountpoint);
        script.Append("if [ ! -d ").Append(mount).Append(" ]; then echo mountpoint 0 0 0; exit 0; fi; ");
        script.Append("check mountpoint ").Append(mount).Append("; ");
        foreach (var (name, path) in pool.Directories())
        {
            script.Append("check ").Append(name).Append(' ').Append(ShellQuoting.Quote(path)).Append("; ");
        }
        return script.ToString();
    }

    internal static List<PoolPathCheck> Parse(StoragePool pool, string stdout)
    {
        var paths = pool.Directories().Prepend(("mountpoint", pool.Mountpoint)).ToDictionary(d => d.Item1, d => d.Item2, StringComparer.Ordinal);
        var checks = new List<PoolPathCheck>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(' ');
            if (f.Length == 4 && paths.TryGetValue(f[0], out var path))
            {
                checks.Add(new PoolPathCheck(f[0], path, f[1] == "1", f[2] == "1", f[3] == "1"));
            }
        }
        return checks;
    }
}
