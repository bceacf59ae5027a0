using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Commands;

namespace Hyperfleet.Cli;

/// <summary>The <c>hyperfleet</c> command tree.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Hyperfleet: a control plane for fleets of KVM hypervisors running virtual desktops.");
        root.Options.Add(GlobalOptions.Server);
        root.Options.Add(GlobalOptions.Json);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(HypervisorCommands.Create());
        try
        {
            return await root.Parse(args).InvokeAsync();
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
    }
}
