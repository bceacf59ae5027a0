namespace Hyperfleet.Server.Engine;

/// <summary>What the engine read from a hypervisor when it connected.</summary>
public sealed record HypervisorFacts(
    string? LibvirtVersion,
    string? QemuVersion,
    string? CpuModel,
    int? CpuThreads,
    long? MemoryTotalMib,
    bool? KvmAvailable,
    string? HostKey);
