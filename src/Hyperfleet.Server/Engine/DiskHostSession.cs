using System.Globalization;
using Hyperfleet.Server.Ssh;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// A pure disk-operations host has no libvirt connection to watch: it is probed over SSH every few seconds
/// and sampled from /proc.
/// </summary>
internal sealed class DiskHostSession : IHypervisorSession
{
    private readonly ISshConnector ssh;
    private readonly SshTarget target;
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<HypervisorUnavailableException> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (long Busy, long Total)? lastCpu;

    public DiskHostSession(ISshConnector ssh, SshTarget target, TimeSpan interval, TimeProvider time, HypervisorFacts facts)
    {
        this.ssh = ssh;
        this.target = target;
        Facts = facts;
        _ = WatchAsync(interval, time);
    }

    public HypervisorFacts Facts { get; }

    public Task<HypervisorUnavailableException> Lost => lost.Task;

    private async Task WatchAsync(TimeSpan interval, TimeProvider time)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stop.Token);
                var probe = await ssh.ProbeAsync(target, stop.Token);
                if (!probe.Ok)
                {
                    lost.TrySetResult(new HypervisorUnavailableException(probe.Reason ?? "ssh_error", probe.Detail ?? "SSH probe failed"));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async Task<HypervisorSample> SampleAsync(CancellationToken ct)
    {
        var (result, login) = await ssh.RunAsync(target, "head -n1 /proc/stat; grep -E '^(MemTotal|MemAvailable):' /proc/meminfo",
            TimeSpan.FromSeconds(10), ct);
        if (result is null || result.ExitStatus != 0)
        {
            throw new HypervisorUnavailableException(login.Reason ?? "ssh_error", login.Detail ?? result?.Stderr ?? "sampling failed");
        }
        long? total = null, available = null;
        double? cpu = null;
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "cpu" && fields.Length >= 5)
            {
                var values = fields.Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                var idle = values[3] + (values.Length > 4 ? values[4] : 0);
                var all = values.Sum();
                if (lastCpu is { } previous && all > previous.Total)
                {
                    cpu = 100.0 * ((all - idle) - previous.Busy) / (all - previous.Total);
                }
                lastCpu = (all - idle, all);
            }
            else if (fields[0] == "MemTotal:")
            {
                total = long.Parse(fields[1], CultureInfo.InvariantCulture) / 1024;
            }
            else if (fields[0] == "MemAvailable:")
            {
                available = long.Parse(fields[1], CultureInfo.InvariantCulture) / 1024;
            }
        }
        return new HypervisorSample(cpu, available, total, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        stop.Dispose();
    }
}
