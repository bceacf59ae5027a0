namespace Hyperfleet.Contracts.Storage;

/// <summary>Answer of <c>POST /api/v1/pools/{id}/check</c>: per member host, whether each directory exists and is writable.</summary>
/// <param name="PoolId">The pool checked.</param>
/// <param name="Ok">True when every checked host passed and at least one host was checked.</param>
/// <param name="Hosts">One entry per member hypervisor.</param>
public sealed record PoolCheckResponse(string PoolId, bool Ok, IReadOnlyList<PoolHostCheck> Hosts);

/// <summary>The check of one member hypervisor.</summary>
/// <param name="HypervisorId">The host.</param>
/// <param name="Checked">False when the host was skipped (not Online, disabled, or a pure hypervisor); <paramref name="Reason"/> says why.</param>
/// <param name="Ok">True when every directory exists (or was created) and is writable.</param>
/// <param name="Reason">Stable code when not ok or skipped: <c>not_online</c>, <c>not_disk_capable</c>, <c>ssh_unreachable</c>, <c>path_not_writable</c>, …</param>
/// <param name="Detail">Human text.</param>
/// <param name="Paths">Per directory result (empty when skipped or SSH failed).</param>
public sealed record PoolHostCheck(
    string HypervisorId,
    bool Checked,
    bool Ok,
    string? Reason,
    string? Detail,
    IReadOnlyList<PoolPathCheck> Paths);

/// <summary>One directory on one host.</summary>
/// <param name="Name"><c>mountpoint</c>, <c>bases</c>, <c>templates</c>, <c>groups</c>, <c>media</c> or <c>volatile</c>.</param>
/// <param name="Path">Absolute path.</param>
/// <param name="Exists">Whether it exists after the check.</param>
/// <param name="Created">Whether the check created it.</param>
/// <param name="Writable">Whether a file could be created in it.</param>
public sealed record PoolPathCheck(string Name, string Path, bool Exists, bool Created, bool Writable);
