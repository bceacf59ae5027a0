using System.Net;

namespace Hyperfleet.Video;

/// <summary>Names every bad video proxy setting at once.</summary>
public static class VideoProxyOptionsValidator
{
    public static IReadOnlyList<string> Validate(VideoProxyOptions options, string prefix = "Hyperfleet:Video:")
    {
        var problems = new List<string>();
        foreach (var (key, value) in new[] { ("BrowserEndpoint", options.BrowserEndpoint), ("SpiceEndpoint", options.SpiceEndpoint) })
        {
            if (!IPEndPoint.TryParse(value ?? "", out var endpoint) || !value!.Contains(':', StringComparison.Ordinal) && endpoint.Port == 0)
            {
                problems.Add($"{prefix}{key} must be address:port (e.g. 0.0.0.0:8443), not '{value}'.");
            }
        }
        if (!PortRanges.TryParse(options.AllowedPorts, out _, out var error))
        {
            problems.Add($"{prefix}AllowedPorts: {error}");
        }
        foreach (var origin in AllowList.Split(options.AllowedOrigins))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            {
                problems.Add($"{prefix}AllowedOrigins: '{origin}' is not an origin (scheme://host[:port]).");
            }
        }
        if (options.PingInterval <= TimeSpan.Zero)
        {
            problems.Add($"{prefix}PingInterval must be positive.");
        }
        if (options.ReportInterval <= TimeSpan.Zero)
        {
            problems.Add($"{prefix}ReportInterval must be positive.");
        }
        if (string.IsNullOrWhiteSpace(options.ProxyName))
        {
            problems.Add($"{prefix}ProxyName must be set (central, or the hypervisor's id).");
        }
        return problems;
    }
}
