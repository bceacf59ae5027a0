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

    /// <summary>Moves <paramref name="h"/> to <paramref name="to"/>, keeping reason and detail for Error (and an explained Offline), with its history row.</summary>
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
        // Error always says why; Offline says why only when a reason is given (agent_stopped, agent_check_failed),
        // not for a plain disable or a restart's "not proven yet".
        var explained = to == HypervisorStatus.Error || (to == HypervisorStatus.Offline && reason is not null);
        h.StatusReason = explained ? reason : null;
        h.StatusDetail = explained ? detail : null;
        return evt;
    }
}
