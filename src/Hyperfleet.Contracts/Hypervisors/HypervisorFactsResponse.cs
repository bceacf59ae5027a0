namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>What the engine read from a hypervisor when it last connected; null members were not read yet.</summary>
/// <param name="LibvirtVersion">libvirt version on the host.</param>
/// <param name="QemuVersion">QEMU version on the host.</param>
/// <param name="CpuModel">CPU model.</param>
/// <param name="CpuThreads">Logical CPUs.</param>
/// <param name="MemoryTotalMib">Physical memory.</param>
/// <param name="KvmAvailable">Whether KVM acceleration is usable.</param>
public sealed record HypervisorFactsResponse(
    string? LibvirtVersion,
    string? QemuVersion,
    string? CpuModel,
    int? CpuThreads,
    long? MemoryTotalMib,
    bool? KvmAvailable);
