using System.Text.Json;
using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Contracts.Events;

/// <summary>One item of <c>GET /api/v1/events</c> (server-sent events): a change and the state after it.</summary>
/// <param name="Kind">
/// <c>hypervisor.changed</c>, <c>hypervisor.removed</c>, <c>task.changed</c>, <c>template.changed</c>,
/// <c>template.removed</c>, <c>desktop.changed</c>, <c>desktop.removed</c>, <c>pool.changed</c>, <c>pool.removed</c>,
/// <c>certificate.expiring</c>, <c>certificate.renewed</c> (<paramref name="ResourceId"/> is the serial), or <c>ready</c> (first item of a stream: the subscription is live).
/// </param>
/// <param name="HypervisorId">The hypervisor it concerns (for a disk task, the host that ran it), or empty.</param>
/// <param name="Event">The history row written for the change, when there is one.</param>
/// <param name="Hypervisor">The hypervisor after the change; null when it was removed or the change is not a hypervisor's.</param>
/// <param name="ResourceId">For changes of other resources (tasks, templates, desktops, pools): their id.</param>
/// <param name="Resource">For changes of other resources: the resource after the change, as its API returns it; null when removed.</param>
public sealed record ChangeNotification(
    string Kind,
    string HypervisorId,
    HypervisorEventResponse? Event,
    HypervisorResponse? Hypervisor,
    string? ResourceId = null,
    JsonElement? Resource = null);
