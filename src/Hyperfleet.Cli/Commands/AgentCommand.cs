using System.CommandLine;
using System.Runtime.InteropServices;
using Hyperfleet.Agent;
using Hyperfleet.Cli.Client;
using Hyperfleet.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Cli.Commands;

/// <summary>
/// <c>hyperfleet agent</c>: the hypervisor-side daemon, in the foreground (systemd). With <c>--server</c>, <c>--token</c>,
/// <c>--ca-pin</c> or <c>--hyper-id</c> it first writes them into its config file, so the join command the UI shows is the
/// only thing typed on a new host, and the unit that runs it afterwards finds everything in the file.
/// </summary>
public static class AgentCommand
{
    public const string DefaultConfig = "/etc/hyperfleet/agent.cfg";

    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The agent's config file (KEY=value, isardvdi.cfg names)", DefaultValueFactory = _ => DefaultConfig };
        var token = new Option<string?>("--token") { Description = "Enrollment token <id>.<secret> (hyperfleet token create); written to the config file" };
        var hyperId = new Option<string?>("--hyper-id") { Description = "This host's hypervisor id (default: its short host name); written to the config file" };
        var command = new Command("agent", "Run the hypervisor agent: register, self-check, enable, report; deregister on SIGTERM") { config, token, hyperId };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(config)!;
            await WriteGivenAsync(path, new()
            {
                [AgentSettingsReader.ServerKey] = parse.GetValue(GlobalOptions.Server),
                [AgentSettingsReader.TokenKey] = parse.GetValue(token),
                [AgentSettingsReader.CaPinKey] = parse.GetValue(GlobalOptions.CaPin),
                [AgentSettingsReader.HyperIdKey] = parse.GetValue(hyperId),
            }, ct);
            if (!File.Exists(path))
            {
                throw new CliException($"no config file {path}: pass --config FILE, or join with --server URL --token TOKEN --ca-pin PIN (the command 'hyperfleet token create' prints)", ExitCodes.Usage);
            }
            var read = AgentSettingsReader.Read(await File.ReadAllTextAsync(path, ct), DefaultId());
            if (read.Problems.Count > 0)
            {
                foreach (var problem in read.Problems)
                {
                    await Console.Error.WriteLineAsync($"hyperfleet agent: {path}: {problem}");
                }
                return ExitCodes.Usage;
            }
            if (read.Ignored.Count > 0)
            {
                await Console.Error.WriteLineAsync($"hyperfleet agent: {path}: ignored (not agent settings): {string.Join(", ", read.Ignored)}");
            }
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
            // SIGTERM (systemd, a reboot) and Ctrl+C: deregister cleanly, then exit 0.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
            read.Settings.ConfigPath = path;
            return await new HypervisorAgent(read.Settings, loggers, TimeProvider.System).RunAsync(stop.Token);
        });
        return command;
    }

    /// <summary>Sets the given keys in the config file (created 0600: it may hold a token), keeping everything else.</summary>
    private static async Task WriteGivenAsync(string path, Dictionary<string, string?> given, CancellationToken ct)
    {
        var set = given.Where(g => !string.IsNullOrWhiteSpace(g.Value)).ToList();
        if (set.Count == 0)
        {
            return;
        }
        var text = File.Exists(path) ? File.ReadAllText(path) : "# hyperfleet agent settings (see the README's agent table)\n";
        foreach (var (key, value) in set)
        {
            text = CfgFile.Set(text, key, value!.Trim());
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }
        await PrivateFile.WriteAllTextAsync(path, text, ct);
    }

    /// <summary>The short host name as a hypervisor id (lower case, dots end it).</summary>
    private static string DefaultId() => Environment.MachineName.Split('.')[0].ToLowerInvariant();
}
