using Hyperfleet.Core.Overlay;
using System.Collections.Concurrent;
using Hyperfleet.Core.Desktops;
using Hyperfleet.Core.Video;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Desktops;

/// <summary>
/// Carries out starts and stops on the hypervisors, off the request thread (libvirt calls block). A desktop has at
/// most one operation in flight here (<see cref="IsBusy"/>): the API refuses a second and reconciliation leaves it alone.
/// </summary>
public sealed partial class DesktopRuntime(
    HypervisorConnections connections,
    DesktopStatusWriter writer,
    DesktopPlacement placement,
    DesktopSettings settings,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DesktopRuntime> logger)
{
    private readonly ConcurrentDictionary<string, Task> busy = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> portGates = new(StringComparer.Ordinal);

    /// <summary>Whether a start or stop of the desktop is in flight in this process.</summary>
    public bool IsBusy(string desktopId) => busy.ContainsKey(desktopId);

    /// <summary>The operation in flight for the desktop, or a completed task (tests wait on it).</summary>
    public Task InFlight(string desktopId) => busy.GetValueOrDefault(desktopId) ?? Task.CompletedTask;

    /// <summary>Claims the desktop for an operation; false when one is in flight already.</summary>
    public bool TryClaim(string desktopId) => busy.TryAdd(desktopId, Task.CompletedTask);

    /// <summary>Gives a claim back without running anything (the request was refused after claiming).</summary>
    public void Unclaim(string desktopId) => busy.TryRemove(desktopId, out _);

    /// <summary>The gate under which a start picks and records its viewer ports on a host.</summary>
    public SemaphoreSlim PortGate(string hypervisorId) => portGates.GetOrAdd(hypervisorId, _ => new SemaphoreSlim(1, 1));

    /// <summary>Runs a committed start in the background; the desktop must have been claimed.</summary>
    public void BeginStart(StartPlan plan) => Run(plan.DesktopId, ct => StartAsync(plan, ct));

    /// <summary>Runs a committed stop (desktop <c>Stopping</c>) in the background; the desktop must have been claimed.</summary>
    public void BeginStop(string desktopId, string hypervisorId, bool force) =>
        Run(desktopId, ct => StopAsync(desktopId, hypervisorId, force, ct));

    private void Run(string desktopId, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Shutting down: the row keeps its transitional status and the next start reconciles it.
            }
#pragma warning disable CA1031 // A failing operation is logged; the desktop is reconciled later, the process lives on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogOperationFailed(logger, desktopId, e);
            }
        });
        busy[desktopId] = task;
        _ = task.ContinueWith(_ => busy.TryRemove(KeyValuePair.Create(desktopId, task)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task StartAsync(StartPlan plan, CancellationToken ct)
    {
        var ports = plan.Ports;
        string? failure = null;
        var created = false;
        var connection = connections.Get(plan.HypervisorId);
        if (connection is null)
        {
            failure = $"hypervisor {plan.HypervisorId} is not connected";
        }
        var tried = new List<int>();
        for (var attempt = 1; connection is not null && !created && failure is null; attempt++)
        {
            var xml = DomainXmlBuilder.Build(new DomainSpec(plan.DesktopId, plan.MemoryMib, plan.Vcpus,
                connection.Facts.KvmAvailable == true, plan.DiskPath, ports, GraphicsListen.For(plan.Flavour), plan.Name,
                new DisplayLock(DisplayPasswords.New(DisplayPasswords.VncLength), DisplayPasswords.New(DisplayPasswords.SpiceLength)),
                plan.OverlayMtu is { } mtu ? new OverlayNic(OverlayBridges.Overlay, mtu, OverlayNic.MacFor(plan.DesktopId)) : null,
                plan.Vlan is { } vlan ? new VlanNic(OverlayBridges.Trunk, vlan, OverlayNic.MacFor(plan.DesktopId + "/vlan")) : null));
            try
            {
                await Task.Run(() => connection.OnLane(lane =>
                {
                    lane.CreateDomain(xml).Dispose();
                    return true;
                }, ct), ct);
                created = true;
            }
            catch (LibvirtException e) when (IsPortBusy(e) && attempt < settings.StartAttempts)
            {
                LogPortBusy(logger, plan.DesktopId, plan.HypervisorId, ports.Vnc, ports.Spice);
                tried.Add(ports.Vnc);
                tried.Add(ports.Spice);
                var next = await NextPortsAsync(plan.HypervisorId, plan.DesktopId, tried, ct);
                if (next is null)
                {
                    failure = $"no free viewer port pair on {plan.HypervisorId}: {e.Message}";
                    break;
                }
                ports = next.Value;
                var moved = ports;
                await writer.ChangeAsync(plan.DesktopId, d =>
                {
                    if (d.Status != DesktopStatuses.Starting || d.HypervisorId != plan.HypervisorId)
                    {
                        return false;
                    }
                    (d.VncPort, d.SpicePort) = (moved.Vnc, moved.Spice);
                    return true;
                }, ct);
            }
            catch (LibvirtException e) when (e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("is already active", StringComparison.OrdinalIgnoreCase))
            {
                // Its domain already runs there (an earlier start whose answer was lost): that is the desktop, adopt it.
                var live = await Task.Run(() => ReadPorts(connection, plan.DesktopId), ct);
                ports = live ?? ports;
                created = true;
            }
            catch (LibvirtException e)
            {
                failure = e.Message;
            }
            catch (ObjectDisposedException)
            {
                failure = $"the connection to {plan.HypervisorId} was lost during the start";
            }
        }
        placement.Release(plan.DesktopId);
        if (!created)
        {
            LogStartFailed(logger, plan.DesktopId, plan.HypervisorId, failure ?? "");
            await writer.ChangeAsync(plan.DesktopId, d =>
            {
                if (d.Status is not (DesktopStatuses.Starting or DesktopStatuses.Unknown) || d.HypervisorId != plan.HypervisorId)
                {
                    return false;
                }
                DesktopStatusWriter.Set(d, DesktopStatuses.Failed, failure);
                return true;
            }, ct);
            return;
        }
        var final = ports;
        var kept = await writer.ChangeAsync(plan.DesktopId, d =>
        {
            if (d.Status is not (DesktopStatuses.Starting or DesktopStatuses.Started or DesktopStatuses.Unknown) || d.HypervisorId != plan.HypervisorId)
            {
                return false;
            }
            // What the start said (the favourite passed over) stays while it runs.
            DesktopStatusWriter.Set(d, DesktopStatuses.Started, d.Status == DesktopStatuses.Starting ? d.StatusDetail : null);
            (d.VncPort, d.SpicePort) = (final.Vnc, final.Spice);
            return true;
        }, ct);
        if (kept is null)
        {
            // Stopped (or deleted) while starting: the domain just made is unwanted, so it must not outlive the request.
            LogStartOverridden(logger, plan.DesktopId, plan.HypervisorId);
            await DestroyQuietlyAsync(connection!, plan.DesktopId);
            // A forced stop that overrode this start is done now.
            await FinishStopAsync(plan.DesktopId, plan.HypervisorId, DesktopStatuses.Stopped, null, ct);
            return;
        }
        LogStarted(logger, plan.DesktopId, plan.HypervisorId, final.Vnc, final.Spice);
    }

    private async Task StopAsync(string desktopId, string hypervisorId, bool force, CancellationToken ct)
    {
        var connection = connections.Get(hypervisorId);
        if (connection is null)
        {
            await FinishStopAsync(desktopId, hypervisorId, DesktopStatuses.Unknown, $"hypervisor {hypervisorId} is not connected", ct);
            return;
        }
        var name = DesktopDomainNames.NameOf(desktopId);
        try
        {
            var gone = await Task.Run(() =>
            {
                using var domain = Lookup(connection, name);
                if (domain is null)
                {
                    return true;
                }
                if (!force)
                {
                    domain.Shutdown();
                }
                return false;
            }, ct);
            if (!gone && !force)
            {
                gone = await WaitGoneAsync(connection, name, settings.StopTimeout, ct);
            }
            if (!gone)
            {
                await Task.Run(() =>
                {
                    using var domain = Lookup(connection, name);
                    try
                    {
                        domain?.Destroy();
                    }
                    catch (LibvirtException e) when (e.Code == LibvirtErrorCode.OperationInvalid || e.Code == LibvirtErrorCode.NoDomain)
                    {
                        // It went off by itself between the lookup and the destroy.
                    }
                }, ct);
            }
            LogStopped(logger, desktopId, hypervisorId, force || !gone);
            await FinishStopAsync(desktopId, hypervisorId, DesktopStatuses.Stopped, null, ct);
        }
        catch (Exception e) when (e is LibvirtException or ObjectDisposedException)
        {
            // Whether it still runs is unknown now; reconciliation finds out once the host answers.
            await FinishStopAsync(desktopId, hypervisorId, DesktopStatuses.Unknown, "stop failed: " + e.Message, ct);
        }
    }

    private Task<Desktop?> FinishStopAsync(string desktopId, string hypervisorId, string status, string? detail, CancellationToken ct) =>
        writer.ChangeAsync(desktopId, d =>
        {
            if (d.Status != DesktopStatuses.Stopping || d.HypervisorId != hypervisorId)
            {
                return false;
            }
            DesktopStatusWriter.Set(d, status, detail);
            return true;
        }, ct);

    private async Task<bool> WaitGoneAsync(HypervisorConnection connection, string name, TimeSpan timeout, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
            var running = await Task.Run(() =>
            {
                using var domain = Lookup(connection, name);
                return domain is not null && domain.IsActive;
            }, ct);
            if (!running)
            {
                return true;
            }
        }
        return false;
    }

    private async Task<GraphicsPorts?> NextPortsAsync(string hypervisorId, string desktopId, List<int> tried, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        var used = await DesktopPorts.UsedOnAsync(db, hypervisorId, desktopId, ct);
        return GraphicsPortAllocator.LowestFreePair(used.Concat(tried));
    }

    private async Task DestroyQuietlyAsync(HypervisorConnection connection, string desktopId)
    {
        try
        {
            await Task.Run(() =>
            {
                using var domain = Lookup(connection, DesktopDomainNames.NameOf(desktopId));
                domain?.Destroy();
            });
        }
        catch (Exception e) when (e is LibvirtException or ObjectDisposedException)
        {
            LogOperationFailed(logger, desktopId, e);
        }
    }

    /// <summary>The domain by name, or null when there is none.</summary>
    internal static Domain? Lookup(HypervisorConnection connection, string name)
    {
        try
        {
            return connection.Libvirt.LookupDomainByName(name);
        }
        catch (LibvirtException e) when (e.Code == LibvirtErrorCode.NoDomain)
        {
            return null;
        }
    }

    internal static GraphicsPorts? ReadPorts(HypervisorConnection connection, string desktopId)
    {
        using var domain = Lookup(connection, DesktopDomainNames.NameOf(desktopId));
        if (domain is null)
        {
            return null;
        }
        var (vnc, spice) = DomainXmlReader.ReadGraphicsPorts(domain.GetXmlDesc());
        return vnc is { } v && spice is { } s ? new GraphicsPorts(v, s) : null;
    }

    private static bool IsPortBusy(LibvirtException e) =>
        e.Message.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Failed to reserve port", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Failed to bind", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("failed to initialize spice server", StringComparison.OrdinalIgnoreCase);
}
