using System.Diagnostics;

namespace Hyperfleet.Core.Tests.Overlay;

/// <summary>Runs the real <c>wg</c>/<c>ip</c> tools, the reference the overlay code is checked against.</summary>
internal static class WgTool
{
    public const string Wg = "/usr/bin/wg";

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>, feeding <paramref name="stdin"/>; generous deadline for a loaded machine.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> arguments, string? stdin = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>wg</c> with arguments; fails the test when it exits non-zero.</summary>
    public static async Task<string> WgAsync(string? stdin, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(Wg, arguments, stdin);
        Assert.True(exitCode == 0, $"wg {string.Join(' ', arguments)} exited {exitCode}: {stderr}");
        return stdout;
    }
}
