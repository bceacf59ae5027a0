using Hyperfleet.Contracts.Video;
using Hyperfleet.Video;

namespace Hyperfleet.Bench.Video;

/// <summary>
/// A control plane that takes every report and cuts nothing. It acknowledges ended sessions, as the real ledger does,
/// so the proxy does not hold them for the next report (that would be memory no real proxy keeps).
/// </summary>
public sealed class AcknowledgingSink : IViewerSessionSink
{
    public Task<ProxyReportResponse> ReportAsync(ProxyReportRequest report, CancellationToken ct) =>
        Task.FromResult(new ProxyReportResponse([], [.. report.Sessions.Where(s => s.EndedAt is not null).Select(s => s.Id)]));
}
