using System.Diagnostics;

namespace Hyperfleet.BrowserTests;

/// <summary>
/// Chromium on Linux trusts the CAs of the NSS database in <c>$HOME/.pki/nssdb</c>: a HOME of the test's own, with the
/// control plane's CA imported by <c>certutil</c> (Debian's libnss3-tools), makes Chromium check our certificates as a
/// user's browser would, without touching the machine's trust.
/// </summary>
public static class TrustStore
{
    public static async Task<string> CreateHomeAsync(string profileDir, string caPem)
    {
        var home = Path.Combine(profileDir, "home");
        var db = Path.Combine(home, ".pki", "nssdb");
        Directory.CreateDirectory(db);
        var caFile = Path.Combine(home, "hyperfleet-ca.crt");
        await File.WriteAllTextAsync(caFile, caPem);
        await CertutilAsync("-N", "-d", "sql:" + db, "--empty-password");
        await CertutilAsync("-A", "-d", "sql:" + db, "-n", "Hyperfleet control plane CA", "-t", "C,,", "-i", caFile);
        return home;
    }

    private static async Task CertutilAsync(params string[] args)
    {
        var start = new ProcessStartInfo("certutil") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("certutil did not start (install libnss3-tools)");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"certutil {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
        }
    }
}
