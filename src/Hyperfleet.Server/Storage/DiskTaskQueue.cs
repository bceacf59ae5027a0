using System.Text.Json;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Storage;

/// <summary>
/// Puts disk operations on the durable queue. <see cref="Enqueue"/> only adds the row to the caller's context,
/// so the task commits (or not) together with the caller's own change, e.g. a new desktop row and the task that
/// makes its disk: never a desktop without its task, never a task without its desktop.
/// </summary>
public static class DiskTaskQueue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Adds a queued task; the caller's <c>SaveChangesAsync</c> commits it.</summary>
    /// <param name="db">The caller's context.</param>
    /// <param name="kind">One of <see cref="DiskTaskKinds"/>.</param>
    /// <param name="poolId">The pool whose hosts may run it.</param>
    /// <param name="arguments">The operation's arguments (see <see cref="DiskTaskArguments"/>).</param>
    /// <param name="ownerKind"><c>desktop</c>, <c>template</c> or null.</param>
    /// <param name="ownerId">The owner's id.</param>
    /// <param name="now">Creation time (storage precision).</param>
    /// <returns>The tracked task (its id is set on save).</returns>
    public static DiskTask Enqueue(HyperfleetDbContext db, string kind, string poolId, DiskTaskArguments arguments,
        string? ownerKind, string? ownerId, DateTimeOffset now)
    {
        var task = new DiskTask
        {
            Kind = kind,
            PoolId = poolId,
            Arguments = JsonSerializer.Serialize(arguments, Json),
            OwnerKind = ownerKind,
            OwnerId = ownerId,
            CreatedAt = now,
            NotBefore = now,
        };
        db.DiskTasks.Add(task);
        return task;
    }

    /// <summary>Reads a task's arguments back.</summary>
    public static DiskTaskArguments ArgumentsOf(DiskTask task) =>
        JsonSerializer.Deserialize<DiskTaskArguments>(task.Arguments, Json) ?? new DiskTaskArguments();
}

/// <summary>
/// Arguments of a disk task; which are used depends on the kind:
/// create_empty (<see cref="Path"/>, <see cref="SizeBytes"/>), create_overlay (<see cref="Path"/>, <see cref="Backing"/>),
/// convert (<see cref="Source"/>, <see cref="Path"/>, <see cref="Format"/>), resize (<see cref="Path"/>, <see cref="SizeBytes"/>),
/// info (<see cref="Path"/>), move (<see cref="Source"/>, <see cref="Path"/>), delete (<see cref="Path"/>).
/// Sizes are bytes; formats <c>qcow2</c> (default) or <c>raw</c>.
/// Paths are absolute, inside the pool.
/// </summary>
public sealed record DiskTaskArguments
{
    public string? Path { get; init; }
    public string? Source { get; init; }
    public string? Backing { get; init; }
    public long? SizeBytes { get; init; }
    public string? Format { get; init; }

    /// <summary>
    /// A task to queue when this one is done, in the same transaction (e.g. make-template: move the desktop's disk
    /// into the templates directory, then create the desktop's new overlay on it). If this one fails, the follow-up's
    /// owner fails with it.
    /// </summary>
    public DiskTaskFollowUp? Then { get; init; }
}

/// <summary>A task queued once another is done; see <see cref="DiskTaskArguments.Then"/>.</summary>
public sealed record DiskTaskFollowUp(string Kind, DiskTaskArguments Arguments, string? OwnerKind, string? OwnerId);
