using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Storage;

/// <summary>Reports every problem of <c>Hyperfleet:Storage</c> at start, naming the setting to fix.</summary>
public sealed class StorageSettingsValidator : IValidateOptions<StorageSettings>
{
    public ValidateOptionsResult Validate(string? name, StorageSettings s)
    {
        var failures = new List<string>();
        if (s.Workers is < 1 or > 256)
        {
            failures.Add("Hyperfleet:Storage:Workers must be between 1 and 256.");
        }
        if (s.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Hyperfleet:Storage:PollInterval must be positive.");
        }
        if (s.Lease < TimeSpan.FromMilliseconds(300))
        {
            failures.Add("Hyperfleet:Storage:Lease must be at least 300 ms (it is renewed every third of it).");
        }
        if (s.BackoffInitial <= TimeSpan.Zero || s.BackoffCap < s.BackoffInitial)
        {
            failures.Add("Hyperfleet:Storage:BackoffInitial must be positive and Hyperfleet:Storage:BackoffCap at least as long.");
        }
        if (s.MaxAttempts < 1)
        {
            failures.Add("Hyperfleet:Storage:MaxAttempts must be at least 1.");
        }
        if (s.CommandTimeout <= TimeSpan.Zero)
        {
            failures.Add("Hyperfleet:Storage:CommandTimeout must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
