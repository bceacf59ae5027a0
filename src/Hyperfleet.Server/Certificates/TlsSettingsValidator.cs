using Hyperfleet.Core.Certificates;
using Hyperfleet.Core.Validation;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Certificates;

/// <summary>Every problem of <c>Hyperfleet:Tls</c> at start, naming the setting. (The files themselves are checked when loaded.)</summary>
public sealed class TlsSettingsValidator : IValidateOptions<TlsSettings>
{
    public ValidateOptionsResult Validate(string? name, TlsSettings options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CertificateFile) != string.IsNullOrWhiteSpace(options.KeyFile))
        {
            failures.Add("Hyperfleet:Tls:CertificateFile and Hyperfleet:Tls:KeyFile go together: set both (an admin-provided certificate) or neither (one from Hyperfleet's CA).");
        }
        foreach (var host in options.Hostnames)
        {
            if (!System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _) && HostnameRule.Validate(host, allowLocal: true) is { } error)
            {
                failures.Add($"Hyperfleet:Tls:Hostnames: '{host}' is not a host name or address ({error.Message}).");
            }
        }
        if (options.ServerLifetime <= TimeSpan.Zero || options.ServerLifetime > CertificateAuthority.MaxLeafLifetime)
        {
            failures.Add("Hyperfleet:Tls:ServerLifetime must be between 1 second and 397 days.");
        }
        if (options.ExpiryWarning <= TimeSpan.Zero || options.ExpiryWarning >= options.ServerLifetime)
        {
            failures.Add("Hyperfleet:Tls:ExpiryWarning must be positive and shorter than Hyperfleet:Tls:ServerLifetime.");
        }
        // Longer than the warning window would let a certificate expire between two looks (and a timer holds 49 days at most).
        if (options.ExpiryCheckInterval <= TimeSpan.Zero || options.ExpiryCheckInterval > TimeSpan.FromDays(30)
            || options.ExpiryCheckInterval > options.ExpiryWarning)
        {
            failures.Add("Hyperfleet:Tls:ExpiryCheckInterval must be between 1 second and 30 days, and no longer than Hyperfleet:Tls:ExpiryWarning.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
