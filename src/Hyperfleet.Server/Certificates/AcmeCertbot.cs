using System.Diagnostics;
using Hyperfleet.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Certificates;

/// <summary>
/// Orders and renews the server certificate over ACME with Debian's certbot (a well-kept client: account keys, order
/// state, http-01 on <see cref="AcmeSettings.HttpPort"/>), its whole state under <c>&lt;data dir&gt;/tls/acme</c>. The key is
/// made by certbot on this machine and never leaves it. When to renew is ours (<see cref="TlsSettings.ExpiryWarning"/>);
/// certbot only carries it out.
/// </summary>
public sealed partial class AcmeCertbot(IOptions<HyperfleetOptions> options, IOptions<TlsSettings> settings, ILogger<AcmeCertbot> logger)
{
    /// <summary>certbot's name for our certificate lineage (<c>live/hyperfleet/…</c>).</summary>
    public const string CertificateName = "hyperfleet";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private string StateDirectory => Path.Combine(Path.GetFullPath(options.Value.DataDir), "tls", "acme");

    /// <summary>The live certificate with its chain (fullchain.pem).</summary>
    public string CertificateFile => Path.Combine(StateDirectory, "config", "live", CertificateName, "fullchain.pem");

    /// <summary>Its private key (privkey.pem, 0600).</summary>
    public string KeyFile => Path.Combine(StateDirectory, "config", "live", CertificateName, "privkey.pem");

    /// <summary>
    /// Orders a certificate for the domain unless a current one is kept (<paramref name="renew"/>: order a new one now).
    /// </summary>
    /// <exception cref="InvalidOperationException">certbot failed; the message has its last lines (what the CA said).</exception>
    public async Task ObtainAsync(bool renew, CancellationToken ct)
    {
        var acme = settings.Value.Acme;
        System.IO.Directory.CreateDirectory(StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!renew && KeptCovers(acme.Domain!))
        {
            return;
        }
        var start = new ProcessStartInfo(acme.Certbot) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in Arguments(acme, renew))
        {
            start.ArgumentList.Add(arg);
        }
        if (!string.IsNullOrWhiteSpace(acme.CaBundle))
        {
            // certbot talks to the directory through python-requests, which trusts this bundle instead of the system's.
            start.Environment["REQUESTS_CA_BUNDLE"] = acme.CaBundle;
        }
        LogOrdering(logger, acme.Domain!, acme.Directory, acme.HttpPort);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{acme.Certbot} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"certbot did not finish within {Timeout.TotalMinutes} minutes ordering {acme.Domain} from {acme.Directory}");
        }
        var output = (await stdout) + (await stderr);
        if (process.ExitCode != 0 || !File.Exists(CertificateFile))
        {
            var tail = string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(6));
            throw new InvalidOperationException($"ACME: certbot could not get a certificate for {acme.Domain} from {acme.Directory} (exit {process.ExitCode}): {tail}");
        }
        LogObtained(logger, acme.Domain!, CertificateFile);
    }

    // A kept certificate for another domain (the setting changed) is ordered anew.
    private bool KeptCovers(string domain)
    {
        try
        {
            using var kept = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(CertificateFile);
            return Core.Certificates.SubjectAltNames.Of(kept).Contains(domain.ToLowerInvariant(), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private IEnumerable<string> Arguments(AcmeSettings acme, bool renew)
    {
        string[] common =
        [
            "certonly", "--standalone", "--non-interactive", "--agree-tos", "--no-random-sleep-on-renew",
            "--server", acme.Directory, "-d", acme.Domain!, "--cert-name", CertificateName, "--key-type", "ecdsa",
            "--http-01-port", acme.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--config-dir", Path.Combine(StateDirectory, "config"), "--work-dir", Path.Combine(StateDirectory, "work"),
            "--logs-dir", Path.Combine(StateDirectory, "logs"),
        ];
        foreach (var arg in common)
        {
            yield return arg;
        }
        yield return renew ? "--force-renewal" : "--keep-until-expiring";
        if (string.IsNullOrWhiteSpace(acme.Email))
        {
            yield return "--register-unsafely-without-email";
        }
        else
        {
            yield return "--email";
            yield return acme.Email;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ACME: ordering a certificate for {Domain} from {Directory} (http-01 on port {Port})")]
    private static partial void LogOrdering(ILogger logger, string domain, string directory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACME: certificate for {Domain} in {File}")]
    private static partial void LogObtained(ILogger logger, string domain, string file);
}
