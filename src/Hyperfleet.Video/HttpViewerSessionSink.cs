using Hyperfleet.Contracts.Video;
using Hyperfleet.Video.ControlPlane;

namespace Hyperfleet.Video;

/// <summary>Reports to the control plane over HTTPS (a hypervisor's own proxy): <c>POST /api/v1/video/proxies/{name}/report</c>.</summary>
public sealed class HttpViewerSessionSink(ControlPlaneClient client, string proxyName) : IViewerSessionSink
{
    public Task<ProxyReportResponse> ReportAsync(ProxyReportRequest report, CancellationToken ct) =>
        client.ReportAsync(proxyName, report, ct);
}
