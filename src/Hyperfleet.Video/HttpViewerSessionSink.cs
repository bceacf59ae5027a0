using System.Net.Http.Json;
using System.Text.Json;
using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Video;

/// <summary>Reports to the control plane over HTTPS (a hypervisor's own proxy): <c>POST /api/v1/video/proxies/{name}/report</c>.</summary>
public sealed class HttpViewerSessionSink(HttpClient http, string proxyName) : IViewerSessionSink
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<ProxyReportResponse> ReportAsync(ProxyReportRequest report, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/video/proxies/{Uri.EscapeDataString(proxyName)}/report", report, Json, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ProxyReportResponse>(Json, ct)
            ?? throw new InvalidOperationException("empty report answer");
    }
}
