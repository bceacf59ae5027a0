namespace Hyperfleet.Libvirt;

/// <summary>A host's processor and memory summary (<c>virNodeGetInfo</c>).</summary>
/// <param name="CpuModel">The CPU model string (for example <c>x86_64</c>).</param>
/// <param name="MemoryKiB">Total memory in KiB.</param>
/// <param name="Cpus">Number of active CPUs (logical processors).</param>
/// <param name="MhZ">Expected CPU frequency in MHz, 0 when unknown.</param>
/// <param name="Nodes">Number of NUMA cells, 1 for uniform memory access or an unusual topology.</param>
/// <param name="Sockets">CPU sockets per NUMA cell.</param>
/// <param name="Cores">Cores per socket.</param>
/// <param name="Threads">Threads per core.</param>
public sealed record NodeInfo(
    string CpuModel, long MemoryKiB, int Cpus, int MhZ, int Nodes, int Sockets, int Cores, int Threads);
