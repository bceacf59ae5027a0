using Hyperfleet.Core.Video;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Video;

/// <summary>Names every bad <c>Hyperfleet:Video</c> setting at start.</summary>
public sealed class VideoSettingsValidator : IValidateOptions<VideoSettings>
{
    public ValidateOptionsResult Validate(string? name, VideoSettings options)
    {
        var problems = new List<string>();
        if (options.TicketLifetime <= TimeSpan.Zero || options.TicketLifetime > ViewerTicketCodec.MaxLifetime)
        {
            problems.Add($"Hyperfleet:Video:TicketLifetime must be more than 0 and at most {ViewerTicketCodec.MaxLifetime.TotalSeconds} s.");
        }
        if (options.PasswordLifetime < options.TicketLifetime || options.PasswordLifetime > TimeSpan.FromMinutes(10))
        {
            problems.Add("Hyperfleet:Video:PasswordLifetime must be at least TicketLifetime and at most 10 minutes.");
        }
        foreach (var (key, port) in new[] { ("PublicBrowserPort", options.PublicBrowserPort), ("PublicSpicePort", options.PublicSpicePort) })
        {
            if (port is < 1 or > 65535)
            {
                problems.Add($"Hyperfleet:Video:{key} must be a TCP port (1–65535).");
            }
        }
        if (options.PublicHost is { Length: > 0 } host && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            problems.Add("Hyperfleet:Video:PublicHost must be a host name or address.");
        }
        if (options.SessionSweepInterval <= TimeSpan.Zero)
        {
            problems.Add("Hyperfleet:Video:SessionSweepInterval must be positive.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
