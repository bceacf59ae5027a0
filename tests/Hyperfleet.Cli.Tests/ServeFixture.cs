using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hyperfleet.Cli.Tests;

/// <summary>
/// <c>hyperfleet serve</c> as a real process on a fresh data dir, started the way the README says, with
/// the admin password generated on first start and read from what serve prints.
/// </summary>
public sealed partial class ServeFixture : IAsyncLifetime
{
    private Process? serve;
    private readonly List<string> output = [];

    public string DataDir { get; } = Directory.CreateTempSubdirectory("hyperfleet-cli-").FullName;
    public string ConfigDir { get; } = Directory.CreateTempSubdirectory("hyperfleet-cli-config-").FullName;
    public string Url { get; private set; } = "";
    public string AdminPassword { get; private set; } = "";

    /// <summary>serve's https listener (a certificate from its own CA) and the CA pin serve printed.</summary>
    public string HttpsUrl { get; private set; } = "";
    public string CaPin { get; private set; } = "";

    /// <summary>Environment for CLI runs: a private config dir and this server.</summary>
    public Dictionary<string, string?> Environment() => new() { ["HYPERFLEET_CONFIG_DIR"] = ConfigDir, ["HYPERFLEET_URL"] = Url };

    /// <summary>Environment for CLI runs as the admin, logged in with a config dir of its own (named <paramref name="prefix"/>…).</summary>
    public async Task<Dictionary<string, string?>> LoggedInAsync(string prefix)
    {
        var env = Environment();
        env["HYPERFLEET_CONFIG_DIR"] = Directory.CreateTempSubdirectory(prefix).FullName;
        env["HYPERFLEET_PASSWORD"] = AdminPassword;
        var login = await CliRunner.RunAsync(env, "login");
        Assert.True(login.ExitCode == 0, login.ToString());
        return env;
    }

    public async Task InitializeAsync()
    {
        Url = $"http://127.0.0.1:{CliRunner.FreePort()}";
        HttpsUrl = $"https://127.0.0.1:{CliRunner.FreePort()}";
        // API role only: these hypervisors' hostnames are fictional, and the engine would go and look them up.
        serve = CliRunner.Start(new Dictionary<string, string?>(), "serve", "--urls", $"{Url};{HttpsUrl}", "--data-dir", DataDir, "--roles", "api");
        var ready = new TaskCompletionSource();
        serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.Add(e.Data);
            }
            if (PasswordLine().Match(e.Data) is { Success: true } match)
            {
                AdminPassword = match.Groups[1].Value;
            }
            if (e.Data.StartsWith("CA pin: ", StringComparison.Ordinal))
            {
                CaPin = e.Data["CA pin: ".Length..].Trim();
            }
            if (e.Data.StartsWith("Hyperfleet listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        serve.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, serve.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            throw new InvalidOperationException("serve did not start:\n" + Output);
        }
        // The banner prints the listening line first; the password line follows at once.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((AdminPassword.Length == 0 || CaPin.Length == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        if (CaPin.Length == 0)
        {
            throw new InvalidOperationException("serve printed no CA pin:\n" + Output);
        }
        if (AdminPassword.Length == 0)
        {
            throw new InvalidOperationException("serve printed no generated admin password:\n" + Output);
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (serve is { HasExited: false })
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
        serve?.Dispose();
        foreach (var dir in new[] { DataDir, ConfigDir })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Leftover temp dirs are harmless.
            }
        }
    }

    [GeneratedRegex(@"created user 'admin' with password: (\S+)")]
    private static partial Regex PasswordLine();
}
