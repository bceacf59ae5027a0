namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>disk_tasks</c>: the durable queue of disk operations. A worker claims a queued task atomically,
/// runs it over SSH on a disk-capable hypervisor that reaches the pool, and records the outcome. A task whose
/// worker died (lease expired) is claimed again; every kind is written to be idempotent, so a rerun has no
/// double effect.
/// </summary>
public sealed class DiskTask
{
    public long Id { get; set; }

    /// <summary>One of <see cref="DiskTaskKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string PoolId { get; set; }

    /// <summary>The operation's arguments as JSON (paths, sizes, formats).</summary>
    public required string Arguments { get; set; }

    /// <summary><c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = DiskTaskStatuses.Queued;

    /// <summary>What the task is for (<c>desktop</c> or <c>template</c>) and its id, so completion can move it on.</summary>
    public string? OwnerKind { get; set; }
    public string? OwnerId { get; set; }

    public string? HypervisorId { get; set; }
    public int Attempts { get; set; }
    public string? Result { get; set; }
    public string? Error { get; set; }

    /// <summary>Which worker holds a running task, and until when; past it the task is claimed again.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>A task retried after a transient failure waits until then.</summary>
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Values of <see cref="DiskTask.Kind"/> (ARCHITECTURE §3).</summary>
public static class DiskTaskKinds
{
    public const string CreateEmpty = "create_empty";
    public const string CreateOverlay = "create_overlay";
    public const string Convert = "convert";
    public const string Resize = "resize";
    public const string Info = "info";
    public const string Move = "move";
    public const string Delete = "delete";

    public static readonly IReadOnlyList<string> All = [CreateEmpty, CreateOverlay, Convert, Resize, Info, Move, Delete];
}

/// <summary>Values of <see cref="DiskTask.Status"/>.</summary>
public static class DiskTaskStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
