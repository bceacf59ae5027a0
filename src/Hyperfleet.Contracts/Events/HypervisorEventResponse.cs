namespace Hyperfleet.Contracts.Events;

/// <summary>One entry of a hypervisor's status history and of the audit log.</summary>
/// <param name="Id">Sequence number; increases with time.</param>
/// <param name="Time">When it happened.</param>
/// <param name="HypervisorId">The hypervisor it concerns.</param>
/// <param name="Actor">Who did it: a user name, <c>engine</c> or <c>agent</c>.</param>
/// <param name="Kind">What happened: <c>added</c>, <c>edited</c>, <c>enabled</c>, <c>disabled</c>, <c>deleting</c>, <c>deleted</c>, <c>status</c>, ….</param>
/// <param name="FromStatus">Status before, when the status changed.</param>
/// <param name="ToStatus">Status after, when the status changed.</param>
/// <param name="Reason">Stable reason code, when there is one.</param>
/// <param name="Detail">Human text.</param>
public sealed record HypervisorEventResponse(
    long Id,
    DateTimeOffset Time,
    string HypervisorId,
    string Actor,
    string Kind,
    string? FromStatus,
    string? ToStatus,
    string? Reason,
    string? Detail);
