namespace Hyperfleet.Server.Engine;

/// <summary>One stats sample (every ~10 s while Online).</summary>
public sealed record HypervisorSample(double? CpuPercent, long? MemoryFreeMib, long? MemoryTotalMib, int? DesktopsRunning);
