using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Commands;
using Spectre.Console;

namespace Hyperfleet.Cli;

/// <summary>The <c>hyperfleet</c> command tree.</summary>
public static class CliApp
{
    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim();

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Hyperfleet: a control plane for fleets of KVM hypervisors running virtual desktops.");
        root.Options.Add(GlobalOptions.Server);
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.CaPin);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(VideoProxyCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(TokenCommands.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(HypervisorCommands.Create());
        root.Subcommands.Add(DesktopCommands.Create());
        root.Subcommands.Add(SshKeyCommands.Show());
        root.Subcommands.Add(PoolCommands.Create());
        root.Subcommands.Add(TemplateCommands.Create());
        root.Subcommands.Add(TaskCommands.Create());
        root.Subcommands.Add(ViewerCommands.Sessions());
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(CertificateCommands.Create());
        root.Subcommands.Add(CertificateCommands.Ca());
        if (Console.IsOutputRedirected)
        {
            // Piped output is read by scripts and logs: never wrap a table to an imagined 80 columns.
            AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 200;
        }
        try
        {
            // Our handler below prints one line; the default one would print a stack trace.
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    await Console.Error.WriteLineAsync("error: " + error.Message);
                }
                await Console.Error.WriteLineAsync("(see 'hyperfleet " + string.Join(' ', args.TakeWhile(a => !a.StartsWith('-'))) + " --help')");
                return ExitCodes.Usage;
            }
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
            or Microsoft.Extensions.Options.OptionsValidationException or System.Data.Common.DbException)
        {
            // Start-up failures of serve (bad settings, port in use, database unreachable): one line, not a trace.
            await Console.Error.WriteLineAsync("error: " + FirstLine(e));
            return ExitCodes.Failed;
        }
    }
}
