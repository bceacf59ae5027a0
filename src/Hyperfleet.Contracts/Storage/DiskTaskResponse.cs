using System.Text.Json;

namespace Hyperfleet.Contracts.Storage;

/// <summary>One disk operation of the durable queue.</summary>
/// <param name="Id">Sequence number.</param>
/// <param name="Kind"><c>create_empty</c>, <c>create_overlay</c>, <c>convert</c>, <c>resize</c>, <c>info</c>, <c>move</c> or <c>delete</c>.</param>
/// <param name="Pool">Pool whose member hosts may run it.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="OwnerKind"><c>template</c>, <c>desktop</c> or null.</param>
/// <param name="OwnerId">The owner's id.</param>
/// <param name="HypervisorId">The disk-capable host that ran it (last attempt).</param>
/// <param name="Attempts">How many times it was claimed.</param>
/// <param name="Arguments">Paths, sizes and formats.</param>
/// <param name="Result">Output of a successful run (for <c>info</c>, qemu-img's JSON).</param>
/// <param name="Error">Why it failed, or why the last attempt failed when it was requeued.</param>
/// <param name="NotBefore">A requeued task waits until then.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record DiskTaskResponse(
    long Id,
    string Kind,
    string Pool,
    string Status,
    string? OwnerKind,
    string? OwnerId,
    string? HypervisorId,
    int Attempts,
    JsonElement Arguments,
    string? Result,
    string? Error,
    DateTimeOffset NotBefore,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
