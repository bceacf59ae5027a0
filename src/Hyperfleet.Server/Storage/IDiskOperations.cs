using Hyperfleet.Server.Data;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Storage;

/// <summary>Runs one disk task on one host. Implementations are idempotent: a rerun of a task that already took effect is done, not doubled.</summary>
public interface IDiskOperations
{
    /// <summary>Runs <paramref name="task"/> on <paramref name="host"/>; never throws for host or operation failures (only for cancellation).</summary>
    Task<DiskOperationOutcome> RunAsync(DiskTask task, SshTarget host, CancellationToken ct);
}
