namespace Hyperfleet.Server.Storage;

/// <summary>How one run of a disk task ended.</summary>
/// <param name="Kind">Done, failed for good, or failed in a way a retry can fix.</param>
/// <param name="Text">The result (done) or the error (failed).</param>
/// <param name="Reason">A stable code for a failure (<c>ssh_unreachable</c>, <c>qemu_img_failed</c>, <c>target_exists</c>, …).</param>
public sealed record DiskOperationOutcome(DiskOperationOutcomeKind Kind, string? Text, string? Reason = null)
{
    public static DiskOperationOutcome Done(string? result) => new(DiskOperationOutcomeKind.Done, result);

    /// <summary>The operation itself failed (qemu-img refused, a file is not what it should be): running it again changes nothing.</summary>
    public static DiskOperationOutcome Permanent(string reason, string error) => new(DiskOperationOutcomeKind.Permanent, error, reason);

    /// <summary>The host could not be reached or the connection dropped: the task is queued again with backoff.</summary>
    public static DiskOperationOutcome Transient(string reason, string error) => new(DiskOperationOutcomeKind.Transient, error, reason);
}

public enum DiskOperationOutcomeKind
{
    Done,
    Permanent,
    Transient,
}
