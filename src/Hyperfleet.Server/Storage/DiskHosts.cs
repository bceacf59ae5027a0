using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Storage;

/// <summary>Which hypervisors may touch a pool's disks, and how to reach them.</summary>
public static class DiskHosts
{
    /// <summary>
    /// A host that may run disk operations now: enabled, Online, with the disk-operations capability (pure disk or
    /// mixed; never a pure hypervisor), and with a pinned host key.
    /// </summary>
    public static bool CanRunDiskOperations(Hypervisor h) =>
        h.Enabled && h.Status == HypervisorStatus.Online && h.CapDiskOperations && h.SshHostKey is not null;

    public static SshTarget SshTargetOf(Hypervisor h) => new(h.Hostname, h.SshPort, h.SshUser, h.SshHostKey);
}
