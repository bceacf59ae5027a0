using Hyperfleet.Core.Desktops;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Events;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// Keeps desktop rows equal to what runs on the hypervisors. One loop consumes the hosts' signals in order: a host
/// lost makes its running desktops <c>Unknown</c>; a host Online (and every connected host, periodically) is
/// reconciled against its live domains (running <c>hf-*</c> domains adopted as <c>Started</c> with their real ports,
/// wherever the row said they were; rows whose domain is gone <c>Stopped</c>); lifecycle events move single desktops.
/// Desktops with a start or stop in flight here are left to that operation.
/// </summary>
public sealed partial class DesktopReconciler(
    HypervisorConnections connections,
    DesktopStatusWriter writer,
    DesktopRuntime runtime,
    DesktopSettings settings,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DesktopReconciler> logger) : BackgroundService
{
    // libvirt's VIR_DOMAIN_EVENT_STOPPED_* details.
    private const int StoppedCrashed = 2;
    private const int StoppedMigrated = 3;
    private const int StoppedFailed = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = time.GetUtcNow() + settings.ReconcileInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            HostSignal? signal = null;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var delay = next - time.GetUtcNow();
                wait.CancelAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
                try
                {
                    signal = await connections.Signals.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The periodic pass is due.
                }
            }
            try
            {
                if (signal is null)
                {
                    next = time.GetUtcNow() + settings.ReconcileInterval;
                    foreach (var connection in connections.All)
                    {
                        await ReconcileHostAsync(connection, stoppingToken);
                    }
                }
                else
                {
                    await HandleAsync(signal, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed pass (host gone mid-listing, database busy) must not end the loop; the next pass retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, signal?.HypervisorId ?? "*", e);
            }
        }
    }

    private Task HandleAsync(HostSignal signal, CancellationToken ct) => signal switch
    {
        HostOnlineSignal online => connections.IsCurrent(online.Connection) ? ReconcileHostAsync(online.Connection, ct) : Task.CompletedTask,
        HostLostSignal lost => HostLostAsync(lost, ct),
        DomainLifecycleSignal e => connections.IsCurrent(e.Connection) ? LifecycleAsync(e.Connection, e.Event, ct) : Task.CompletedTask,
        _ => Task.CompletedTask,
    };

    /// <summary>What ran on a lost host may still run (a network cut, libvirtd restarting): unknown until it is back.</summary>
    public async Task HostLostAsync(HostLostSignal lost, CancellationToken ct)
    {
        var ids = await DesktopIdsAsync(d => d.HypervisorId == lost.HypervisorId
            && (d.Status == DesktopStatuses.Starting || d.Status == DesktopStatuses.Started || d.Status == DesktopStatuses.Stopping), ct);
        foreach (var id in ids)
        {
            await writer.ChangeAsync(id, d =>
            {
                if (d.HypervisorId != lost.HypervisorId || d.Status is not (DesktopStatuses.Starting or DesktopStatuses.Started or DesktopStatuses.Stopping))
                {
                    return false;
                }
                DesktopStatusWriter.Set(d, DesktopStatuses.Unknown, $"hypervisor {lost.HypervisorId} lost ({lost.Reason}): {lost.Detail}");
                return true;
            }, ct);
        }
        if (ids.Count > 0)
        {
            LogHostLost(logger, lost.HypervisorId, ids.Count);
        }
    }

    /// <summary>Compares the host's live domains with the desktop rows and makes the rows true.</summary>
    public async Task ReconcileHostAsync(HypervisorConnection connection, CancellationToken ct)
    {
        var host = connection.HypervisorId;
        Dictionary<string, GraphicsPorts?> running;
        try
        {
            running = await Task.Run(() => RunningDesktops(connection), ct);
        }
        catch (Exception e) when (e is LibvirtException or ObjectDisposedException)
        {
            // The host is going away; its lost signal follows.
            LogListFailed(logger, host, e.Message);
            return;
        }
        var recorded = await DesktopIdsAsync(d => d.HypervisorId == host && DesktopPorts.Holding.Contains(d.Status), ct);
        var known = (await DesktopIdsAsync(d => running.Keys.Contains(d.Id), ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, ports) in running)
        {
            if (!known.Contains(id))
            {
                LogOrphan(logger, host, DesktopDomainNames.NameOf(id));
                continue;
            }
            if (!runtime.IsBusy(id))
            {
                await AdoptAsync(id, host, ports, ct);
            }
        }
        foreach (var id in recorded.Where(id => !running.ContainsKey(id) && !runtime.IsBusy(id)))
        {
            await writer.ChangeAsync(id, d =>
            {
                if (d.HypervisorId != host || !DesktopPorts.Holding.Contains(d.Status))
                {
                    return false;
                }
                DesktopStatusWriter.Set(d, DesktopStatuses.Stopped, d.Status == DesktopStatuses.Stopping ? null : $"not running on {host} when reconciled");
                return true;
            }, ct);
        }
    }

    private async Task AdoptAsync(string id, string host, GraphicsPorts? ports, CancellationToken ct)
    {
        string? runsAlsoOn = null;
        var adopted = await writer.ChangeAsync(id, d =>
        {
            var same = d.Status == DesktopStatuses.Started && d.HypervisorId == host
                && (ports is null || (d.VncPort == ports.Value.Vnc && d.SpicePort == ports.Value.Spice));
            if (same || d.Status is DesktopStatuses.Creating or DesktopStatuses.Updating or DesktopStatuses.Deleting)
            {
                // A running domain of a desktop whose disk is being made or deleted is an operator's puzzle, not ours to paper over.
                return false;
            }
            if (d.HypervisorId is { } recorded && recorded != host && d.Status is DesktopStatuses.Started or DesktopStatuses.Starting
                && connections.Get(recorded) is not null)
            {
                // It runs where its row says, on a host this engine holds: this is a second copy (a host that came back
                // after its desktops were started elsewhere). Moving the row would make the two copies take turns.
                runsAlsoOn = recorded;
                return false;
            }
            var moved = d.HypervisorId != host;
            var from = d.Status;
            DesktopStatusWriter.Set(d, DesktopStatuses.Started, null);
            d.HypervisorId = host;
            (d.VncPort, d.SpicePort) = ports is { } p ? (p.Vnc, p.Spice) : (d.VncPort, d.SpicePort);
            if (moved || from != DesktopStatuses.Started)
            {
                d.StatusDetail = $"adopted: found running on {host}";
            }
            return true;
        }, ct);
        if (adopted is not null)
        {
            LogAdopted(logger, id, host);
        }
        else if (runsAlsoOn is not null)
        {
            LogSecondCopy(logger, DesktopDomainNames.NameOf(id), host, runsAlsoOn);
        }
    }

    private async Task LifecycleAsync(HypervisorConnection connection, DomainLifecycleEventArgs e, CancellationToken ct)
    {
        if (!DesktopDomainNames.TryGetDesktopId(e.DomainName, out var id) || runtime.IsBusy(id))
        {
            return;
        }
        var host = connection.HypervisorId;
        switch (e.EventType)
        {
            case DomainLifecycleEventType.Started or DomainLifecycleEventType.Resumed:
                var ports = await Task.Run(() => DesktopRuntime.ReadPorts(connection, id), ct);
                await AdoptAsync(id, host, ports, ct);
                break;
            case DomainLifecycleEventType.Crashed:
                await EndedAsync(id, host, DesktopStatuses.Failed, "the guest crashed", ct);
                break;
            case DomainLifecycleEventType.Stopped when e.Detail != StoppedMigrated:
                var (status, detail) = e.Detail switch
                {
                    StoppedCrashed => (DesktopStatuses.Failed, "the guest crashed"),
                    StoppedFailed => (DesktopStatuses.Failed, "the hypervisor reported the domain failed"),
                    _ => (DesktopStatuses.Stopped, (string?)null),
                };
                await EndedAsync(id, host, status, detail, ct);
                break;
        }
    }

    private Task<Desktop?> EndedAsync(string id, string host, string status, string? detail, CancellationToken ct) =>
        writer.ChangeAsync(id, d =>
        {
            if (d.HypervisorId != host || d.Status is not (DesktopStatuses.Started or DesktopStatuses.Stopping or DesktopStatuses.Unknown))
            {
                return false;
            }
            DesktopStatusWriter.Set(d, status, detail);
            return true;
        }, ct);

    private static Dictionary<string, GraphicsPorts?> RunningDesktops(HypervisorConnection connection)
    {
        var result = new Dictionary<string, GraphicsPorts?>(StringComparer.Ordinal);
        foreach (var domain in connection.Libvirt.ListAllDomains(ListAllDomainsFlags.Active))
        {
            using (domain)
            {
                if (!DesktopDomainNames.TryGetDesktopId(domain.Name, out var id))
                {
                    continue;
                }
                try
                {
                    var (vnc, spice) = DomainXmlReader.ReadGraphicsPorts(domain.GetXmlDesc());
                    result[id] = vnc is { } v && spice is { } s ? new GraphicsPorts(v, s) : null;
                }
                catch (LibvirtException e) when (e.Code == LibvirtErrorCode.NoDomain)
                {
                    // Went away between the listing and the read.
                }
            }
        }
        return result;
    }

    private async Task<List<string>> DesktopIdsAsync(System.Linq.Expressions.Expression<Func<Desktop, bool>> filter, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        return await db.Desktops.AsNoTracking().Where(filter).Select(d => d.Id).ToListAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hypervisor {HypervisorId} lost: {Count} desktops Unknown until it is back")]
    private static partial void LogHostLost(ILogger logger, string hypervisorId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desktop {DesktopId} adopted: running on {HypervisorId}")]
    private static partial void LogAdopted(ILogger logger, string desktopId, string hypervisorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hypervisor {HypervisorId} runs {Domain}, a Hyperfleet domain with no desktop row; left running")]
    private static partial void LogOrphan(ILogger logger, string hypervisorId, string domain);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Domain} runs on {HypervisorId} and on {RecordedHypervisorId}, where its desktop is recorded; the copy on {HypervisorId} is left alone and not adopted: destroy it (virsh destroy) after checking which one users work in")]
    private static partial void LogSecondCopy(ILogger logger, string domain, string hypervisorId, string recordedHypervisorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the domains of {HypervisorId}: {Detail}")]
    private static partial void LogListFailed(ILogger logger, string hypervisorId, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Desktop reconciliation of {HypervisorId} failed; retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, string hypervisorId, Exception exception);
}
