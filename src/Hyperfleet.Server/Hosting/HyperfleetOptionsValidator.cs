using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Hosting;

/// <summary>Reports every problem of the settings at start, naming the setting to fix.</summary>
public sealed class HyperfleetOptionsValidator : IValidateOptions<HyperfleetOptions>
{
    public ValidateOptionsResult Validate(string? name, HyperfleetOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Hyperfleet:DataDir (--data-dir) must name a directory.");
        }
        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > TimeSpan.FromDays(365))
        {
            failures.Add("Hyperfleet:TokenLifetime must be between 1 second and 365 days.");
        }
        if (options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add("Hyperfleet:MaxRequestBodyBytes must be between 1 KiB and 16 MiB.");
        }
        if (options.DeletionSweepInterval <= TimeSpan.Zero)
        {
            failures.Add("Hyperfleet:DeletionSweepInterval must be positive.");
        }
        if (options.WgHypersPort is < 1 or > 65535)
        {
            failures.Add("Hyperfleet:WgHypersPort (WG_HYPERS_PORT) must be a port between 1 and 65535.");
        }
        var unknownRoles = options.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => r is not ("api" or "engine" or "video" or "vpn")).ToList();
        if (unknownRoles.Count > 0)
        {
            failures.Add($"Hyperfleet:Roles (--roles) has unknown roles {string.Join(", ", unknownRoles)}; known: api, engine, video, vpn.");
        }
        if (options.PublicApiPort is < 1 or > 65535)
        {
            failures.Add("Hyperfleet:PublicApiPort must be a port between 1 and 65535.");
        }
        var octets = options.DockerNet.Split('.');
        if (octets.Length != 3 || octets.Any(o => !byte.TryParse(o, out _)))
        {
            failures.Add("Hyperfleet:DockerNet (DOCKER_NET) must be three octets such as 172.31.255.");
        }
        if (options.AdminPassword is { Length: > 0 and < 8 })
        {
            failures.Add("HYPERFLEET_ADMIN_PASSWORD must have at least 8 characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
