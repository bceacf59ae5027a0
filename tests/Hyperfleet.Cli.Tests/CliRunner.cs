using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hyperfleet.Cli.Tests;

/// <summary>Runs the real <c>hyperfleet</c> executable, as an admin's shell would.</summary>
public static class CliRunner
{
    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "hyperfleet.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // A clean environment for what the CLI reads, so the developer's own login never leaks in.
        foreach (var name in new[] { "HYPERFLEET_URL", "HYPERFLEET_TOKEN", "HYPERFLEET_PASSWORD", "HYPERFLEET_DATABASE", "HYPERFLEET_ADMIN_PASSWORD", "HYPERFLEET_DATA_DIR" })
        {
            info.Environment.Remove(name);
        }
        info.Environment["NO_COLOR"] = "1";
        info.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
