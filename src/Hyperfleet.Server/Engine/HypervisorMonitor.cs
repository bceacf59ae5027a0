using Hyperfleet.Core.Engine;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// Keeps one enabled hypervisor's status true: connect and prove, Online, sample stats, and on loss Error
/// with the reason, then retry with capped backoff and jitter until Online again. One async loop per host,
/// no thread: a fleet of hundreds costs a few tasks and timers.
/// </summary>
public sealed partial class HypervisorMonitor(
    HypervisorTarget target,
    IHypervisorConnector connector,
    EngineStatusWriter status,
    EngineSettings settings,
    TimeProvider time,
    ILogger logger,
    Func<string, CancellationToken, Task<string?>> currentPin,
    HypervisorConnections? connections = null)
{
    public HypervisorTarget Target { get; } = target;

    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new Backoff(settings.BackoffInitial, settings.BackoffCap, Random.Shared);
        while (!ct.IsCancellationRequested)
        {
            // Cancellation (disable, delete, edit, shutdown) may strike anywhere, even while an Error is being
            // written from a catch block: it always ends this monitor quietly, never as a fault.
            try
            {
                await AttemptAsync(backoff, ct);
                await Task.Delay(backoff.Next(), time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Even writing the status can fail (database busy): the monitor lives on and retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogUnexpected(logger, Target.Id, e);
                try
                {
                    await Task.Delay(backoff.Next(), time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task AttemptAsync(Backoff backoff, CancellationToken ct)
    {
        try
        {
            // The pin may have been set since this monitor started (first connection, add-ssh-key, re-pin):
            // every attempt checks against the pin as it is now, never against a stale "none".
            var target = Target with { PinnedHostKey = await currentPin(Target.Id, ct) ?? Target.PinnedHostKey };
            await using var session = await connector.ConnectAsync(target, ct);
            var online = await status.OnlineAsync(Target.Id, session.Facts, ct);
            LogOnline(logger, Target.Id);
            backoff.Reset();
            // Desktops use the connection while the host is Online; it is detached before the session closes it.
            var attached = online && connections is not null && session is LibvirtSession libvirt ? libvirt.Connection : null;
            if (attached is not null)
            {
                connections!.Attach(Target.Id, attached, session.Facts);
            }
            HypervisorUnavailableException? lost = null;
            try
            {
                lost = await WatchAsync(session, ct);
            }
            finally
            {
                if (attached is not null)
                {
                    connections!.Detach(Target.Id, attached, lost?.Reason ?? "disconnected", lost?.Message ?? "the engine stopped watching it");
                }
            }
            await status.ErrorAsync(Target.Id, lost.Reason, lost.Message, ct);
            LogLost(logger, Target.Id, lost.Reason, lost.Message);
        }
        catch (HypervisorUnavailableException failure)
        {
            await status.ErrorAsync(Target.Id, failure.Reason, failure.Message, ct);
            LogConnectFailed(logger, Target.Id, failure.Reason, failure.Message);
        }
#pragma warning disable CA1031 // A bug in one host's monitor must not stop it; it is reported on that host.
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            await status.ErrorAsync(Target.Id, "engine_error", e.Message, ct);
            LogUnexpected(logger, Target.Id, e);
        }
    }

    private async Task<HypervisorUnavailableException> WatchAsync(IHypervisorSession session, CancellationToken ct)
    {
        while (true)
        {
            var sampleTask = session.SampleAsync(ct);
            var first = await Task.WhenAny(session.Lost, sampleTask);
            if (first == session.Lost)
            {
                return await session.Lost;
            }
            try
            {
                await status.StatsAsync(Target.Id, await sampleTask, ct);
            }
            catch (HypervisorUnavailableException failure)
            {
                return failure;
            }
            var tick = Task.Delay(settings.StatsInterval, time, ct);
            if (await Task.WhenAny(session.Lost, tick) == session.Lost)
            {
                return await session.Lost;
            }
            await tick;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hypervisor {HypervisorId} is Online")]
    private static partial void LogOnline(ILogger logger, string hypervisorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hypervisor {HypervisorId} lost ({Reason}): {Detail}")]
    private static partial void LogLost(ILogger logger, string hypervisorId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hypervisor {HypervisorId} failed to connect ({Reason}): {Detail}")]
    private static partial void LogConnectFailed(ILogger logger, string hypervisorId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitor of hypervisor {HypervisorId} hit an unexpected error; retrying")]
    private static partial void LogUnexpected(ILogger logger, string hypervisorId, Exception exception);
}
