using System.Collections.Concurrent;
using Hyperfleet.Contracts.Video;

namespace Hyperfleet.Video.Tests;

/// <summary>A control plane stand-in: keeps every report, answers with the cuts a test asks for and acknowledges ended sessions.</summary>
public sealed class TestSink : IViewerSessionSink
{
    public ConcurrentQueue<ProxyReportRequest> Reports { get; } = new();
    public ConcurrentDictionary<string, bool> ToCut { get; } = new();

    public Task<ProxyReportResponse> ReportAsync(ProxyReportRequest report, CancellationToken ct)
    {
        Reports.Enqueue(report);
        return Task.FromResult(new ProxyReportResponse([.. ToCut.Keys], [.. report.Sessions.Where(s => s.EndedAt is not null).Select(s => s.Id)]));
    }

    public ProxySessionReport? Last(string id) =>
        Reports.Reverse().SelectMany(r => r.Sessions).FirstOrDefault(s => s.Id == id);
}
