namespace Hyperfleet.Server.Data;

/// <summary>
/// A row of <c>hypervisor_events</c>: the status history and the audit log. Deliberately no foreign key:
/// the history of a deleted hypervisor stays readable.
/// </summary>
public sealed class HypervisorEvent
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string HypervisorId { get; set; }
    public required string Actor { get; set; }
    public required string Kind { get; set; }
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
    public string? Reason { get; set; }
    public string? Detail { get; set; }
}
