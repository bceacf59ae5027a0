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
        if (options.AcmeEnabled)
        {
            ValidateAcme(options, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAcme(TlsSettings options, List<string> failures)
    {
        var acme = options.Acme;
        if (options.AdminProvided)
        {
            failures.Add("Hyperfleet:Tls:Acme:Domain and Hyperfleet:Tls:CertificateFile exclude each other: the server certificate comes from ACME or from your files.");
        }
        if (System.Net.IPAddress.TryParse(acme.Domain, out _) || HostnameRule.Validate(acme.Domain!, allowLocal: false) is not null)
        {
            failures.Add($"Hyperfleet:Tls:Acme:Domain: '{acme.Domain}' is not a DNS name an ACME CA can validate.");
        }
        if (!string.IsNullOrWhiteSpace(acme.Email) && !acme.Email.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"Hyperfleet:Tls:Acme:Email: '{acme.Email}' is not an e-mail address.");
        }
        if (!Uri.TryCreate(acme.Directory, UriKind.Absolute, out var directory) || directory.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Hyperfleet:Tls:Acme:Directory: '{acme.Directory}' is not an https:// ACME directory URL.");
        }
        if (acme.HttpPort is < 1 or > 65535)
        {
            failures.Add("Hyperfleet:Tls:Acme:HttpPort must be a port (1-65535).");
        }
        if (!string.IsNullOrWhiteSpace(acme.CaBundle) && !File.Exists(acme.CaBundle))
        {
            failures.Add($"Hyperfleet:Tls:Acme:CaBundle: {acme.CaBundle} does not exist.");
        }
        if (!File.Exists(acme.Certbot))
        {
            failures.Add($"Hyperfleet:Tls:Acme:Certbot: {acme.Certbot} does not exist (apt-get install certbot).");
        }
    }
}
