using System.Text.Json;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Ssh;
using Hyperfleet.Server.Vpn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Agents;

/// <summary>
/// What a registered host's agent does with its own credential: fetch its configuration, enable itself once its checks
/// pass, report (heartbeat), and deregister on a clean stop. Every step is a history row of the hypervisor.
/// </summary>
public sealed class AgentService(HyperfleetDbContext db, IControlPlaneKeys keys, IEnumerable<IAgentReadiness> readiness,
    IOptions<AgentSettings> settings, ChangeFeed feed, TimeProvider time)
{
    /// <summary>The status reason of a host whose agent stopped cleanly.</summary>
    public const string AgentStoppedReason = "agent_stopped";

    /// <summary>The status reason of a host whose agent's self-checks failed.</summary>
    public const string CheckFailedReason = "agent_check_failed";

    private const int Attempts = 5;

    public async Task<ServiceResult<AgentConfigResponse>> ConfigAsync(string id, CancellationToken ct)
    {
        var h = await db.Hypervisors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return ServiceError.NotFound(id);
        }
        foreach (var part in readiness)
        {
            if (await part.PendingAsync(h, ct) is { } pending)
            {
                return new ServiceError(ServiceErrorKind.NotReady, AgentProblemCodes.ConfigPending, "Not ready yet", pending);
            }
        }
        var pools = await db.StoragePools.AsNoTracking()
            .Where(p => p.Hypervisors.Any(x => x.HypervisorId == id))
            .OrderBy(p => p.Id)
            .Select(p => new AgentStoragePool(p.Id, p.Mountpoint))
            .ToListAsync(ct);
        var node = await db.VpnNodes.AsNoTracking().OrderBy(n => n.Id).FirstOrDefaultAsync(ct);
        var overlayMtu = node is null ? 0 : await VpnPlan.OverlayMtuAsync(db, ct);
        return new AgentConfigResponse(id, keys.PublicKey, pools, (int)Math.Ceiling(settings.Value.HeartbeatInterval.TotalSeconds),
            VideoProxy: h.Flavour == HypervisorFlavour.Hypervisor && h.CapHypervisor, Vpn: VpnPlan.AgentConfig(h, node, overlayMtu));
    }

    /// <summary>
    /// Records the checks; when all passed (and no admin holds the host disabled) enables the host, and the engine
    /// connects over SSH with the pinned key to set the final status. A failed check keeps it disabled, with the
    /// failure as its status detail.
    /// </summary>
    public Task<ServiceResult<HypervisorResponse>> EnableAsync(string id, AgentChecksRequest request, CancellationToken ct) =>
        WriteAsync(id, request, (h, actor) =>
        {
            var failed = request.Checks.Where(c => !c.Ok).ToList();
            if (failed.Count > 0)
            {
                var detail = string.Join("; ", failed.Select(c => $"{c.Name}: {c.Detail}"));
                // Retries with backoff repeat the same failure: one history row per different failure, not per retry.
                HypervisorEvent? evt = h.StatusReason == CheckFailedReason && h.StatusDetail == detail ? null
                    : HypervisorHistory.ChangeStatus(db, time, h, HypervisorStatus.Offline, actor, "agent_checks_failed", CheckFailedReason, detail);
                return (evt, new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.ChecksFailed, "Self-checks failed",
                    $"'{id}' stays disabled: {detail}"));
            }
            h.AgentState = AgentStates.Running;
            var passed = "self-checks passed: " + string.Join(", ", request.Checks.Select(c => c.Name));
            if (h.DisabledByAdmin)
            {
                var held = h.StatusReason == CheckFailedReason
                    ? HypervisorHistory.ChangeStatus(db, time, h, HypervisorStatus.Offline, actor, "agent_checks_passed", null, passed)
                    : null;
                return (held, new ServiceError(ServiceErrorKind.Conflict, AgentProblemCodes.DisabledByAdmin, "Disabled by an admin",
                    $"An admin disabled '{id}'; it stays disabled until an admin enables it."));
            }
            if (h.Enabled)
            {
                return (null, null);
            }
            h.Enabled = true;
            h.StatusReason = null;
            h.StatusDetail = null;
            return (HypervisorHistory.Record(db, time, h, actor, "enabled", detail: passed + "; enabled by its agent, the engine connects over SSH"), null);
        }, ct);

    /// <summary>Records a heartbeat; an agent that was silent is back (a history row says so).</summary>
    public Task<ServiceResult<HypervisorResponse>> HeartbeatAsync(string id, AgentChecksRequest request, CancellationToken ct) =>
        WriteAsync(id, request, (h, actor) =>
        {
            if (h.AgentState != AgentStates.Silent)
            {
                return (null, null);
            }
            h.AgentState = h.Enabled ? AgentStates.Running : AgentStates.Registered;
            return (HypervisorHistory.Record(db, time, h, actor, "agent_back", detail: "its agent reports again"), null);
        }, ct);

    /// <summary>
    /// Records the VLANs on the host's trunk; a change (not a report of the same set) is a history row <c>vlans</c>.
    /// </summary>
    public async Task<ServiceResult<HypervisorResponse>> VlansAsync(string id, AgentVlansRequest request, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!VlanIds.IsInterfaceName(request.Trunk))
        {
            errors.Add(new FieldError("trunk", "trunk_invalid", "trunk must be an interface name (1–15 letters, digits, '-', '_', '.')."));
        }
        if (request.Vlans is null || request.Vlans.Count > VlanIds.Max || request.Vlans.Any(v => !VlanIds.IsValid(v)))
        {
            errors.Add(new FieldError("vlans", "vlan_invalid", $"vlans must be VLAN ids between {VlanIds.Min} and {VlanIds.Max}."));
        }
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }
        var text = VlanIds.Format(request.Vlans!);
        return await WriteAsync(id, null, (h, actor) =>
        {
            var changed = h.VlanTrunk != request.Trunk || h.Vlans != text || h.VlansDetected != request.Detected;
            h.VlanTrunk = request.Trunk;
            h.Vlans = text;
            h.VlansDetected = request.Detected;
            h.VlansAt = time.GetUtcNowForStorage();
            if (!changed)
            {
                return (null, null);
            }
            var names = text.Length == 0 ? "none" : string.Join(", ", VlanIds.Parse(text).Select(VlanIds.InterfaceName));
            return (HypervisorHistory.Record(db, time, h, actor, "vlans",
                detail: $"{names} on {request.Trunk} ({(request.Detected ? "found by listening for 802.1Q tags" : "from its static list")})"), null);
        }, ct);
    }

    /// <summary>
    /// A clean stop (SIGTERM, a reboot): disabled and Offline with reason <c>agent_stopped</c>, never an Error; the row,
    /// its pin, history and desktops stay, and the next start of the agent enables it again.
    /// </summary>
    public Task<ServiceResult<HypervisorResponse>> DeregisterAsync(string id, CancellationToken ct) =>
        WriteAsync(id, null, (h, actor) =>
        {
            h.Enabled = false;
            h.AgentState = AgentStates.Stopped;
            return (HypervisorHistory.ChangeStatus(db, time, h, HypervisorStatus.Offline, actor, "deregistered", AgentStoppedReason,
                "its agent stopped (a clean shutdown); the host is disabled until its agent starts again"), null);
        }, ct);

    private async Task<ServiceResult<HypervisorResponse>> WriteAsync(string id, AgentChecksRequest? report,
        Func<Hypervisor, string, (HypervisorEvent? Event, ServiceError? Refusal)> change, CancellationToken ct)
    {
        if (report is not null && Invalid(report) is { } invalid)
        {
            return invalid;
        }
        var actor = HypervisorPrincipal.ActorName(id);
        for (var attempt = 1; ; attempt++)
        {
            var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (h is null)
            {
                return ServiceError.NotFound(id);
            }
            if (h.Status == HypervisorStatus.Deleting)
            {
                return new ServiceError(ServiceErrorKind.Conflict, ProblemCodes.HypervisorDeleting, "Hypervisor is being deleted",
                    $"'{id}' is being deleted; its agent has nothing more to do.");
            }
            h.AgentHeartbeatAt = time.GetUtcNowForStorage();
            if (report is not null)
            {
                h.AgentVersion = report.AgentVersion;
                h.AgentChecks = JsonSerializer.Serialize(report.Checks, ApiJson.Options);
                h.AgentTunnel = report.Tunnel is null ? null : JsonSerializer.Serialize(report.Tunnel, ApiJson.Options);
            }
            var (evt, refusal) = change(h, actor);
            if (evt is not null)
            {
                // As the engine's stats writes: a report alone (time, checks) is not what an admin's change is decided
                // on, so it must not turn every concurrent edit into a conflict. A change with a history row is.
                h.Version++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // The engine's status or stats write won the row: read it again and re-decide.
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                return ServiceError.Concurrent(id);
            }
            var response = h.ToResponse();
            feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt?.ToResponse(), response));
            return refusal is null ? response : refusal;
        }
    }

    private static ServiceError? Invalid(AgentChecksRequest report)
    {
        var errors = new List<FieldError>();
        AgentRegistrations.ValidateVersion(report.AgentVersion, errors);
        if (report.Checks is null || report.Checks.Count is 0 or > 32
            || report.Checks.Any(c => c is null || string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 32 || (c.Detail?.Length ?? 0) > 1024))
        {
            errors.Add(new FieldError("checks", "checks_invalid", "checks must list 1–32 checks, each with a name (≤ 32 characters) and a detail (≤ 1024)."));
        }
        if (report.Tunnel is { } t && new[] { t.Mode, t.Status, t.Reason, t.BfdState, t.BfdDiagnostic, t.Endpoint }.Any(v => v?.Length > 256))
        {
            errors.Add(new FieldError("tunnel", "tunnel_invalid", "tunnel's texts must be at most 256 characters each."));
        }
        return errors.Count == 0 ? null : ServiceError.Invalid(errors);
    }
}
