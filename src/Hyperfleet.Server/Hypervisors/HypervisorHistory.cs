using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Hypervisors;

/// <summary>
/// The one way a change lands in <c>hypervisor_events</c>: the admin service, the engine, host-key pinning and
/// the deletion sweep all write their history rows (and status transitions) through here.
/// </summary>
public static class HypervisorHistory
{
    /// <summary>Adds a history row for <paramref name="h"/> to the context (saved with the caller's change).</summary>
    public static HypervisorEvent Record(HyperfleetDbContext db, TimeProvider time, Hypervisor h, string actor, string kind,
        string? reason = null, string? detail = null)
    {
        var evt = new HypervisorEvent
        {
            Time = time.GetUtcNowForStorage(),
            HypervisorId = h.Id,
            Actor = actor,
            Kind = kind,
            Reason = reason,
            Detail = detail,
        };
        db.HypervisorEvents.Add(evt);
        return evt;
    }

    /// <summary>Moves <paramref name="h"/> to <paramref name="to"/>, keeping reason and detail only for Error, with its history row.</summary>
    public static HypervisorEvent ChangeStatus(HyperfleetDbContext db, TimeProvider time, Hypervisor h, HypervisorStatus to,
        string actor, string kind, string? reason, string? detail)
    {
        var evt = Record(db, time, h, actor, kind, reason, detail);
        evt.FromStatus = h.Status.ToString();
        evt.ToStatus = to.ToString();
        if (h.Status != to)
        {
            h.StatusSince = evt.Time;
        }
        h.Status = to;
        h.StatusReason = to == HypervisorStatus.Error ? reason : null;
        h.StatusDetail = to == HypervisorStatus.Error ? detail : null;
        return evt;
    }
}
