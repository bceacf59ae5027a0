using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Video;

/// <summary>Where a proxy reports its sessions; the answer says which to cut (the control plane's ledger, in process or over HTTP).</summary>
public interface IViewerSessionSink
{
    Task<ProxyReportResponse> ReportAsync(ProxyReportRequest report, CancellationToken ct);
}
