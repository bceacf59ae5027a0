using System.CommandLine;
using Hyperfleet.Contracts.Storage;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet desktop make-template ID --template-id T</c>: a stopped desktop's disk becomes a template.</summary>
public static class DesktopMakeTemplateCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Desktop id (it must be Stopped)" };
        var template = new Option<string>("--template-id") { Description = "Id of the new template", Required = true };
        var name = new Option<string?>("--name") { Description = "Free text (default: the id)" };
        var wait = TemplateCommands.WaitOption();
        var timeout = TemplateCommands.TimeoutOption();
        var command = new Command("make-template",
            "Turn a stopped desktop's disk into a new template; the desktop goes on from a fresh overlay of it") { id, template, name, wait, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var request = new MakeTemplateRequest(parse.GetValue(template), parse.GetValue(name));
            var answer = await client.SendAsync(HttpMethod.Post, $"api/v1/desktops/{Uri.EscapeDataString(parse.GetValue(id)!)}/make-template", request, ct);
            return await TemplateCommands.ReportAsync(parse, client, answer, parse.GetValue(wait), parse.GetValue(timeout), ct);
        });
        return command;
    }
}
