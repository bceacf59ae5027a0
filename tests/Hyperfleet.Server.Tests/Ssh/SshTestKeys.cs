using System.Diagnostics;
using System.Security.Cryptography;
using Hyperfleet.Server.Hosting;
using Hyperfleet.Server.Ssh;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Tests.Ssh;

/// <summary>Helpers shared by the SSH tests: key pairs in throwaway data dirs, fake host keys, running tools.</summary>
internal static class SshTestKeys
{
    /// <summary>A host key in OpenSSH format; the blob is random, which is all fingerprints and pins look at.</summary>
    public static string RandomHostKey(string comment = "") =>
        ("ssh-ed25519 " + Convert.ToBase64String(RandomNumberGenerator.GetBytes(51)) + " " + comment).Trim();

    public static ControlPlaneKeys Keys(string dataDir) =>
        new(Options.Create(new HyperfleetOptions { DataDir = dataDir }), NullLogger<ControlPlaneKeys>.Instance);

    public static string NewDataDir() => Directory.CreateTempSubdirectory("hyperfleet-ssh-test-").FullName;

    /// <summary>Runs a program, returns exit code and standard output (standard error appended).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
