using System.CommandLine;
using System.Text.Json;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet hypervisor …</c>: the admin's registry of hypervisors.</summary>
public static class HypervisorCommands
{
    public static Command Create()
    {
        var command = new Command("hypervisor", "Add, list, enable, disable and delete hypervisors");
        command.Aliases.Add("hv");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(HypervisorAddCommand.Create());
        command.Subcommands.Add(HypervisorAddCommand.CreateEdit());
        command.Subcommands.Add(Action("enable", "Enable: the engine connects to it and it takes work once Online", "enable"));
        command.Subcommands.Add(Action("disable", "Disable: no new desktops; running ones keep running; the engine disconnects", "disable"));
        command.Subcommands.Add(Delete());
        command.Subcommands.Add(Events());
        command.Subcommands.Add(HypervisorPortsCommand.Create());
        command.Subcommands.Add(HypervisorDiagnoseCommand.Create());
        command.Subcommands.Add(SshKeyCommands.Install());
        command.Subcommands.Add(SshKeyCommands.Repin());
        command.Subcommands.Add(DesktopCommands.StopDesktops());
        command.Subcommands.Add(HypervisorCredentialCommand.Create());
        return command;
    }

    internal static Argument<string> IdArgument() => new("id") { Description = "Hypervisor id" };

    private static Command List()
    {
        var command = new Command("list", "List hypervisors with type, status and reason");
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync("api/v1/hypervisors", ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
            }
            else
            {
                Render.Hypervisors(ApiClient.Deserialize<List<HypervisorResponse>>(answer));
            }
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var command = new Command("show", "Show one hypervisor, with its failure detail") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync($"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct);
            Output(parse, client, answer, Render.Hypervisor);
            return 0;
        });
        return command;
    }

    private static Command Action(string name, string description, string verb)
    {
        var id = IdArgument();
        var command = new Command(name, description) { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var hypervisorId = parse.GetValue(id)!;
            var answer = await client.SendAsync(HttpMethod.Post, $"api/v1/hypervisors/{Uri.EscapeDataString(hypervisorId)}/{verb}", null, ct);
            Output(parse, client, answer, h => Render.Done($"{h.Id}: {(h.Enabled ? "enabled" : "disabled")}, {h.Status}"));
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = IdArgument();
        var force = new Option<bool>("--force") { Description = "Remove now, even if desktops may still run there" };
        var command = new Command("delete", "Delete: Deleting until nothing runs there, then removed (--force: removed now)") { id, force };
        command.Aliases.Add("rm");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var hypervisorId = parse.GetValue(id)!;
            var query = parse.GetValue(force) ? "?force=true" : "";
            var answer = await client.SendAsync(HttpMethod.Delete, $"api/v1/hypervisors/{Uri.EscapeDataString(hypervisorId)}{query}", null, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer.ValueKind == JsonValueKind.Undefined ? JsonDocument.Parse($"{{\"id\":\"{hypervisorId}\",\"removed\":true}}").RootElement : answer);
            }
            else
            {
                Render.Done(answer.ValueKind == JsonValueKind.Undefined
                    ? $"{hypervisorId}: removed"
                    : $"{hypervisorId}: Deleting; it is removed once nothing runs there");
            }
            return 0;
        });
        return command;
    }

    private static Command Events()
    {
        var id = IdArgument();
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("events", "Status history and audit log of one hypervisor") { id, limit };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync($"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}/events?limit={parse.GetValue(limit)}", ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
            }
            else
            {
                Render.Events(ApiClient.Deserialize<List<HypervisorEventResponse>>(answer));
            }
            return 0;
        });
        return command;
    }

    internal static void Output(ParseResult parse, ApiClient client, JsonElement answer, Action<HypervisorResponse> human)
    {
        if (parse.GetValue(GlobalOptions.Json))
        {
            Render.Json(answer);
        }
        else
        {
            human(ApiClient.Deserialize<HypervisorResponse>(answer));
        }
    }
}
