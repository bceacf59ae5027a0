using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Desktops;

/// <summary>Reports every unusable desktop timing at start, naming the setting to fix.</summary>
public sealed class DesktopSettingsValidator : IValidateOptions<DesktopSettings>
{
    public ValidateOptionsResult Validate(string? name, DesktopSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.StopTimeout <= TimeSpan.Zero)
        {
            problems.Add($"Hyperfleet:Desktops:StopTimeout must be positive (got {options.StopTimeout}).");
        }
        if (options.ReconcileInterval <= TimeSpan.Zero)
        {
            problems.Add($"Hyperfleet:Desktops:ReconcileInterval must be positive (got {options.ReconcileInterval}).");
        }
        if (options.StartAttempts is < 1 or > 100)
        {
            problems.Add($"Hyperfleet:Desktops:StartAttempts must be between 1 and 100 (got {options.StartAttempts}).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
