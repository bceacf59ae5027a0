using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Contracts.Events;

/// <summary>One item of <c>GET /api/v1/events</c> (server-sent events): a change and the state after it.</summary>
/// <param name="Kind"><c>hypervisor.changed</c>, <c>hypervisor.removed</c>, or <c>ready</c> (first item of a stream: the subscription is live).</param>
/// <param name="HypervisorId">The hypervisor it concerns.</param>
/// <param name="Event">The history row written for the change, when there is one.</param>
/// <param name="Hypervisor">The hypervisor after the change; null when it was removed.</param>
public sealed record ChangeNotification(
    string Kind,
    string HypervisorId,
    HypervisorEventResponse? Event,
    HypervisorResponse? Hypervisor);
