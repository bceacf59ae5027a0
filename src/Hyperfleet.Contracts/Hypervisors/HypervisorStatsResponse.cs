namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>The last stats sample of a hypervisor (every ~10 s while Online).</summary>
/// <param name="CpuPercent">Host CPU use over the last interval, 0–100.</param>
/// <param name="MemoryFreeMib">Free memory.</param>
/// <param name="MemoryTotalMib">Total memory.</param>
/// <param name="DesktopsRunning">Running domains.</param>
/// <param name="SampledAt">When it was sampled.</param>
public sealed record HypervisorStatsResponse(
    double? CpuPercent,
    long? MemoryFreeMib,
    long? MemoryTotalMib,
    int? DesktopsRunning,
    DateTimeOffset? SampledAt);
