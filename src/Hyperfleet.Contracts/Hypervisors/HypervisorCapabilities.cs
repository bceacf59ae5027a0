namespace Hyperfleet.Contracts.Hypervisors;

/// <summary>
/// What a hypervisor is used for. Both true: mixed; only <see cref="Hypervisor"/>: pure hypervisor;
/// only <see cref="DiskOperations"/>: pure disk operations. At least one must be true.
/// </summary>
/// <param name="Hypervisor">Runs virtual desktops.</param>
/// <param name="DiskOperations">Runs disk operations (create, convert, resize, move, delete disks).</param>
public sealed record HypervisorCapabilities(bool Hypervisor, bool DiskOperations);
