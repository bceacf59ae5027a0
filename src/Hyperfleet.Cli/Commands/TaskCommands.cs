using System.CommandLine;
using System.Globalization;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Storage;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet task …</c>: the disk-task queue.</summary>
public static class TaskCommands
{
    public static Command Create()
    {
        var command = new Command("task", "Disk tasks: what runs, ran or failed on the disk-capable hosts");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only tasks in this status" }.AcceptOnlyFromAmong("queued", "running", "done", "failed");
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List disk tasks, newest first") { status, limit };
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var query = $"?limit={parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)}" + (parse.GetValue(status) is { } s ? "&status=" + s : "");
            StorageRender.Output(parse, await client.GetAsync("api/v1/tasks" + query, ct), (List<DiskTaskResponse> t) => StorageRender.Tasks(t));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id") { Description = "Task id" };
        var command = new Command("show", "Show one disk task with its arguments, result or error") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync($"api/v1/tasks/{parse.GetValue(id).ToString(CultureInfo.InvariantCulture)}", ct);
            StorageRender.Output(parse, answer, (DiskTaskResponse t) => StorageRender.Task(t));
            return 0;
        });
        return command;
    }
}
