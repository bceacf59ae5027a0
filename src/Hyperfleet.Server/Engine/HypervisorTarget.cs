namespace Hyperfleet.Server.Engine;

/// <summary>What the engine needs to reach one hypervisor; a change of any member restarts its monitor.</summary>
public sealed record HypervisorTarget(
    string Id,
    string Hostname,
    int SshPort,
    string SshUser,
    string? PinnedHostKey,
    bool CapHypervisor,
    bool CapDiskOperations,
    string StoragePath);
