namespace Hyperfleet.Libvirt;

/// <summary>
/// Cumulative CPU time of a whole host since it booted, summed over all CPUs
/// (<c>virNodeGetCPUStats</c> with <c>VIR_NODE_CPU_STATS_ALL_CPUS</c>). Take two samples and call
/// <see cref="UsagePercentSince"/> for a CPU percentage.
/// </summary>
/// <param name="KernelNs">Time spent in the kernel, in nanoseconds.</param>
/// <param name="UserNs">Time spent in user processes, in nanoseconds.</param>
/// <param name="IdleNs">Idle time, in nanoseconds.</param>
/// <param name="IowaitNs">Time waiting for I/O, in nanoseconds (0 when the host does not report it).</param>
public readonly record struct NodeCpuTimes(long KernelNs, long UserNs, long IdleNs, long IowaitNs)
{
    /// <summary>Total of the four counters, in nanoseconds.</summary>
    public long TotalNs => KernelNs + UserNs + IdleNs + IowaitNs;

    /// <summary>
    /// The share of CPU time spent busy (kernel + user) between <paramref name="earlier"/> and this
    /// sample, from 0 to 100. Returns 0 when no time passed or the counters went backwards (host reboot).
    /// </summary>
    /// <param name="earlier">The previous sample from the same host.</param>
    /// <returns>The busy percentage.</returns>
    public double UsagePercentSince(NodeCpuTimes earlier)
    {
        var total = TotalNs - earlier.TotalNs;
        var busy = KernelNs + UserNs - (earlier.KernelNs + earlier.UserNs);
        if (total <= 0 || busy < 0)
        {
            return 0;
        }

        return Math.Min(100.0, 100.0 * busy / total);
    }
}
