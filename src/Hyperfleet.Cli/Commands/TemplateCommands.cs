using System.CommandLine;
using System.Text.Json;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Storage;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet template …</c>: bases (disks with no parent) and templates (overlays of them).</summary>
public static class TemplateCommands
{
    public static Command Create()
    {
        var command = new Command("template", "Bases and templates: the disks desktops are made from");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(Delete());
        return command;
    }

    internal static Option<bool> WaitOption() => new("--wait") { Description = "Wait until its disk task is done; exit 1 if it failed" };

    internal static Option<int> TimeoutOption() => new("--timeout") { Description = "Seconds --wait waits at most", DefaultValueFactory = _ => 600 };

    private static Argument<string> IdArgument() => new("id") { Description = "Template or base id" };

    internal static string PathOf(string id) => $"api/v1/templates/{Uri.EscapeDataString(id)}";

    private static Command List()
    {
        var command = new Command("list", "List bases and templates with status, parent and disk");
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync("api/v1/templates", ct), (List<TemplateResponse> t) => StorageRender.Templates(t));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var command = new Command("show", "Show one base or template, with why it failed") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync(PathOf(parse.GetValue(id)!), ct), (TemplateResponse t) => StorageRender.Template(t));
            return 0;
        });
        return command;
    }

    private static Command CreateCommand()
    {
        var id = IdArgument();
        var name = new Option<string?>("--name") { Description = "Free text (default: the id)" };
        var size = new Option<int?>("--size-gib") { Description = "A new empty base of this virtual size" };
        var import = new Option<string?>("--import") { Description = "An existing image inside the pool: a standalone qcow2 is used as the base where it is, other formats are converted into one" };
        var parent = new Option<string?>("--parent") { Description = "A template: an overlay of this base or template" };
        var pool = new Option<string?>("--pool") { Description = "Pool of a new base (default: default)" };
        var memory = new Option<int?>("--memory") { Description = "MiB of desktops made from it (default: the parent's, else 2048)" };
        var vcpus = new Option<int?>("--vcpus") { Description = "vCPUs of desktops made from it (default: the parent's, else 2)" };
        var wait = WaitOption();
        var timeout = TimeoutOption();
        var command = new Command("create", "Create a base (--size-gib or --import) or a template (--parent)") { id, name, size, import, parent, pool, memory, vcpus, wait, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var request = new CreateTemplateRequest(parse.GetValue(id), parse.GetValue(name), parse.GetValue(pool), parse.GetValue(size),
                parse.GetValue(import), parse.GetValue(parent), parse.GetValue(memory), parse.GetValue(vcpus));
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/templates", request, ct);
            return await ReportAsync(parse, client, answer, parse.GetValue(wait), parse.GetValue(timeout), ct);
        });
        return command;
    }

    private static Command Delete()
    {
        var id = IdArgument();
        var command = new Command("delete", "Delete a base or template no desktop or template uses; its disk file is deleted too") { id };
        command.Aliases.Add("rm");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Delete, PathOf(parse.GetValue(id)!), null, ct);
            StorageRender.Output(parse, answer, (TemplateResponse t) => Render.Done($"{t.Id}: Deleting; it is removed once {t.DiskPath} is (task {t.TaskId})"));
            return 0;
        });
        return command;
    }

    /// <summary>Prints the accepted template, or with <c>--wait</c> polls it until its task settles.</summary>
    internal static async Task<int> ReportAsync(ParseResult parse, ApiClient client, JsonElement answer, bool wait, int timeoutSeconds, CancellationToken ct)
    {
        var template = ApiClient.Deserialize<TemplateResponse>(answer);
        if (!wait)
        {
            StorageRender.Output(parse, answer, (TemplateResponse t) =>
                Render.Done($"{t.Id}: {t.Status} ({t.DiskPath}, task {t.TaskId}); follow it with 'hyperfleet template show {t.Id}'"));
            return 0;
        }
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (template.Status == "Creating")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new CliException($"{template.Id}: still Creating after {timeoutSeconds} s (task {template.TaskId}); see 'hyperfleet task show {template.TaskId}'");
            }
            await Task.Delay(500, ct);
            answer = await client.GetAsync(PathOf(template.Id), ct);
            template = ApiClient.Deserialize<TemplateResponse>(answer);
        }
        StorageRender.Output(parse, answer, (TemplateResponse t) => Render.Done($"{t.Id}: {t.Status} ({t.DiskPath})"));
        if (template.Status == "Failed")
        {
            throw new CliException($"{template.Id}: Failed: {template.StatusDetail}");
        }
        return 0;
    }
}
