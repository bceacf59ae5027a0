using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Storage;

/// <summary>Picks the host for a disk task: a disk-capable member of the task's pool, the one with least tasks in flight.</summary>
public static class DiskHostChooser
{
    /// <summary>
    /// Among <paramref name="hosts"/>, those that may run disk operations now (<see cref="DiskHosts.CanRunDiskOperations"/>)
    /// and are members of the pool; the one with fewest running tasks, ties broken by id. Null when none qualifies.
    /// </summary>
    public static Hypervisor? Choose(IEnumerable<Hypervisor> hosts, IReadOnlySet<string> poolMembers, IReadOnlyDictionary<string, int> inFlight) =>
        hosts.Where(h => DiskHosts.CanRunDiskOperations(h) && poolMembers.Contains(h.Id))
            .OrderBy(h => inFlight.GetValueOrDefault(h.Id))
            .ThenBy(h => h.Id, StringComparer.Ordinal)
            .FirstOrDefault();
}
