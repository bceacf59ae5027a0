using Hyperfleet.Contracts.Video;
using Hyperfleet.Video;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Video;

/// <summary>The central proxy's reports go straight to the ledger (same process), as a hypervisor's would over HTTPS.</summary>
public sealed class LedgerSessionSink(IServiceScopeFactory scopes) : IViewerSessionSink
{
    public async Task<ProxyReportResponse> ReportAsync(ProxyReportRequest report, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ViewerSessionLedger>().ReportAsync(ViewerService.CentralProxy, report, ct);
    }
}
