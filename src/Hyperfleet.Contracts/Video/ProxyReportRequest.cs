namespace Hyperfleet.Contracts.Video;

/// <summary>
/// Body of <c>POST /api/v1/video/proxies/{proxy}/report</c>: a proxy's open sessions and those that ended since its
/// last report. Sent every second or so; the answer says which sessions to cut.
/// </summary>
/// <param name="Sessions">Open sessions, and ended ones not yet acknowledged.</param>
public sealed record ProxyReportRequest(IReadOnlyList<ProxySessionReport> Sessions);
