namespace Hyperfleet.Contracts.Video;

/// <summary>The control plane's answer to a proxy's report.</summary>
/// <param name="Cut">Sessions the proxy must close now (an admin cut them, or their desktop stopped).</param>
/// <param name="Acknowledged">Ended sessions now recorded; the proxy forgets them.</param>
public sealed record ProxyReportResponse(IReadOnlyList<string> Cut, IReadOnlyList<string> Acknowledged);
