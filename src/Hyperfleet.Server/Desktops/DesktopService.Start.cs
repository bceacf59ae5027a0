using System.Security.Claims;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Core.Placement;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Vpn;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Desktops;

public sealed partial class DesktopService
{
    /// <summary>
    /// Places the desktop, records it <c>Starting</c> on the chosen host with its viewer ports, and hands the
    /// libvirt start to the runtime. Refusals: not Stopped/Failed, an operation in flight, no host (with every host's
    /// reason), no free port pair, the chosen host not connected here, or a concurrent change. Another user's desktop
    /// (<see cref="DesktopAccess"/>) is not found.
    /// </summary>
    public async Task<(ServiceResult<DesktopResponse> Result, IReadOnlyList<PlacementRefusalResponse>? Refusals)> StartAsync(
        string id, ClaimsPrincipal principal, CancellationToken ct)
    {
        var d = await db.Desktops.VisibleTo(principal).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return (DesktopErrors.NotFound(id), null);
        }
        if (d.Status is not (DesktopStatuses.Stopped or DesktopStatuses.Failed))
        {
            return (DesktopErrors.WrongStatus(id, d.Status, "start needs Stopped or Failed"), null);
        }
        if (!runtime.TryClaim(id))
        {
            return (DesktopErrors.Busy(id), null);
        }
        var started = false;
        try
        {
            var decision = await placement.PlaceAsync(db, d, ct);
            if (decision.HostId is not { } hostId)
            {
                var failure = decision.Failure!;
                return (new ServiceError(ServiceErrorKind.Conflict, DesktopProblemCodes.NoHypervisor, "No hypervisor can start it", failure.Explanation),
                    [.. failure.Refusals.Select(r => new PlacementRefusalResponse(r.HostId, RefusalCode(r.Reason), r.Detail))]);
            }
            try
            {
                var host = await db.Hypervisors.AsNoTracking().SingleAsync(h => h.Id == hostId, ct);
                if (connections.Get(hostId) is null)
                {
                    return (DesktopErrors.NotConnected(id, hostId), null);
                }
                // Starts placed on one host at the same moment must not pick the same pair: reading the used ports and
                // recording ours happen under the host's gate (one replica; across replicas libvirt's refusal retries).
                var gate = runtime.PortGate(hostId);
                await gate.WaitAsync(ct);
                GraphicsPorts ports;
                ServiceResult<DesktopResponse> result;
                try
                {
                    var used = await DesktopPorts.UsedOnAsync(db, hostId, id, ct);
                    if (GraphicsPortAllocator.LowestFreePair(used) is not { } free)
                    {
                        return (new ServiceError(ServiceErrorKind.Conflict, DesktopProblemCodes.NoViewerPorts, "No viewer ports left",
                            $"{hostId} has no free VNC/SPICE pair in {GraphicsPortAllocator.First}–{GraphicsPortAllocator.Last}."), null);
                    }
                    ports = free;
                    // Said while it starts and kept while it runs, so an admin sees why the favourite was not used.
                    DesktopStatusWriter.Set(d, DesktopStatuses.Starting, decision.FavouriteRefused is { } passedOver
                        ? $"favourite {d.FavouriteHypervisorId} could not take it ({RefusalCode(passedOver)}); placed on {hostId}"
                        : null);
                    d.StatusSince = time.GetUtcNowForStorage();
                    d.HypervisorId = hostId;
                    (d.VncPort, d.SpicePort) = (ports.Vnc, ports.Spice);
                    result = await CommitAsync(d, ct);
                }
                finally
                {
                    gate.Release();
                }
                if (result.Error is not null)
                {
                    return (result, null);
                }
                runtime.BeginStart(new StartPlan(d.Id, d.Name, hostId, host.Flavour, d.MemoryMib, d.Vcpus, d.DiskPath, ports,
                    await VpnPlan.DesktopMtuAsync(db, host, ct), d.Vlan));
                started = true;
                return (result, null);
            }
            finally
            {
                if (!started)
                {
                    placement.Release(id);
                }
            }
        }
        finally
        {
            if (!started)
            {
                runtime.Unclaim(id);
            }
        }
    }

    internal static string RefusalCode(PlacementRefusalReason reason) => reason switch
    {
        PlacementRefusalReason.UnknownHost => "unknown_host",
        PlacementRefusalReason.Offline => "offline",
        PlacementRefusalReason.Disabled => "disabled",
        PlacementRefusalReason.NotHypervisor => "not_hypervisor",
        PlacementRefusalReason.OnlyForced => "only_forced",
        PlacementRefusalReason.PoolUnreachable => "pool_unreachable",
        PlacementRefusalReason.VlanMissing => "vlan_missing",
        PlacementRefusalReason.NoMemoryStats => "no_memory_stats",
        PlacementRefusalReason.NotEnoughMemory => "not_enough_memory",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
