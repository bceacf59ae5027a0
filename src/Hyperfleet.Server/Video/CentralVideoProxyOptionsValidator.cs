using Hyperfleet.Video;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Video;

/// <summary>Names every bad central proxy setting (<c>Hyperfleet:Video:*</c>) when <c>serve</c> starts with the video role.</summary>
public sealed class CentralVideoProxyOptionsValidator : IValidateOptions<VideoProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoProxyOptions options)
    {
        var problems = VideoProxyOptionsValidator.Validate(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
