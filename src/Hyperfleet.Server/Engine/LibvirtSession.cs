using Hyperfleet.Libvirt;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Events;
using Hyperfleet.Server.Ssh;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Engine;

/// <summary>A libvirt connection to a desktop host; lost when libvirt's close callback fires (keepalive or EOF).</summary>
internal sealed class LibvirtSession : IHypervisorSession
{
    private readonly LibvirtConnection connection;
    private readonly ISshConnector ssh;
    private readonly SshTarget target;
    private readonly TaskCompletionSource<HypervisorUnavailableException> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NodeCpuTimes? lastCpu;

    public LibvirtSession(LibvirtConnection connection, HypervisorFacts facts, ISshConnector ssh, SshTarget target, ILogger logger)
    {
        this.connection = connection;
        this.ssh = ssh;
        this.target = target;
        Facts = facts;
        _ = logger;
        connection.Closed += OnClosed;
    }

    public HypervisorFacts Facts { get; }

    /// <summary>The live connection, for <see cref="HypervisorConnections"/> while the host is Online.</summary>
    public LibvirtConnection Connection => connection;

    public Task<HypervisorUnavailableException> Lost => lost.Task;

    private void OnClosed(object? sender, ConnectionClosedEventArgs e)
    {
        // Runs on libvirt's event-loop thread: classify off it, never block it.
        _ = Task.Run(async () =>
        {
            if (e.Reason == ConnectionCloseReason.KeepAlive)
            {
                lost.TrySetResult(new HypervisorUnavailableException("keepalive_timeout",
                    "the host stopped answering libvirt keepalives (network cut or host down)"));
                return;
            }
            // EOF: libvirtd (or its ssh channel) went away. If SSH still works, libvirtd is the one down.
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            SshProbeResult probe;
            try
            {
                probe = await ssh.ProbeAsync(target, quick.Token);
            }
            catch (OperationCanceledException)
            {
                probe = new SshProbeResult(false, "ssh_unreachable", "SSH did not answer within 3 s", null);
            }
            lost.TrySetResult(probe.Ok
                ? new HypervisorUnavailableException("libvirt_down", $"libvirtd closed the connection ({e.Reason}); SSH still answers")
                : new HypervisorUnavailableException(probe.Reason ?? "ssh_unreachable", probe.Detail ?? "connection closed"));
        });
    }

    public async Task<HypervisorSample> SampleAsync(CancellationToken ct)
    {
        try
        {
            return await Task.Run(() =>
            {
                var cpu = connection.GetCpuTimes();
                double? percent = lastCpu is { } earlier ? cpu.UsagePercentSince(earlier) : null;
                lastCpu = cpu;
                var free = connection.GetFreeMemoryBytes() / (1024 * 1024);
                var running = connection.ListAllDomains(ListAllDomainsFlags.Active);
                foreach (var domain in running)
                {
                    domain.Dispose();
                }
                return new HypervisorSample(percent, free, Facts.MemoryTotalMib, running.Count);
            }, ct);
        }
        catch (LibvirtException e)
        {
            // A call failing because the connection died races libvirt's close callback; the callback knows
            // why (keepalive, EOF + SSH probe), so prefer its verdict when it arrives promptly.
            if (await Task.WhenAny(lost.Task, Task.Delay(TimeSpan.FromSeconds(5), ct)) == lost.Task)
            {
                throw await lost.Task;
            }
            throw new HypervisorUnavailableException("libvirt_down", e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        connection.Closed -= OnClosed;
        await connection.DisposeAsync();
    }
}
