using Hyperfleet.Contracts.Video;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Video;

/// <summary>
/// Tells the control plane, every <see cref="VideoProxyOptions.ReportInterval"/>, what the proxy carries (open sessions
/// with their bytes, ended ones until acknowledged) and closes the sessions the answer says to cut. A control plane that
/// does not answer changes nothing here: sessions go on, ended ones wait (bounded) for the next report.
/// </summary>
public sealed partial class SessionReporter(ProxySessions sessions, IViewerSessionSink sink, VideoProxyOptions options, ILogger<SessionReporter> logger)
    : BackgroundService
{
    private const int MaxPendingEnded = 10_000;
    private readonly Dictionary<string, ProxySession> pending = new(StringComparer.Ordinal);
    private bool failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReportInterval);
        do
        {
            await ReportOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One report (the loop's body; tests call it).</summary>
    public async Task ReportOnceAsync(CancellationToken ct)
    {
        foreach (var ended in sessions.TakeEnded())
        {
            if (pending.Count < MaxPendingEnded)
            {
                pending[ended.Ticket.Id] = ended;
            }
        }
        var all = sessions.Open.Concat(pending.Values).ToList();
        if (all.Count == 0)
        {
            return;
        }
        var report = new ProxyReportRequest([.. all.Select(s => new ProxySessionReport(s.Ticket.Id, s.ClientAddress, s.StartedAt, s.EndedAt,
            s.BytesToClient, s.BytesFromClient, s.EndReason))]);
        try
        {
            var answer = await sink.ReportAsync(report, ct);
            foreach (var id in answer.Cut)
            {
                sessions.Cut(id, EndReasons.Cut);
            }
            foreach (var id in answer.Acknowledged)
            {
                pending.Remove(id);
            }
            if (failing)
            {
                failing = false;
                LogReportsBack(logger);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException or ControlPlane.ControlPlaneException
            or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            if (!failing)
            {
                failing = true;
                LogReportFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video proxy: the control plane took no session report ({Reason}); sessions go on, reports are retried")]
    private static partial void LogReportFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video proxy: session reports are taken again")]
    private static partial void LogReportsBack(ILogger logger);
}
