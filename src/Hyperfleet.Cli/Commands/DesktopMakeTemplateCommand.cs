using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Desktops;
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
        var wait = new Option<bool>("--wait") { Description = "Wait until the template is Ready and the desktop Stopped on its new disk; exit 1 if either failed" };
        var timeout = TemplateCommands.TimeoutOption();
        var command = new Command("make-template",
            "Turn a stopped desktop's disk into a new template; the desktop goes on from a fresh overlay of it") { id, template, name, wait, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var desktopId = parse.GetValue(id)!;
            var path = $"api/v1/desktops/{Uri.EscapeDataString(desktopId)}";
            var request = new MakeTemplateRequest(parse.GetValue(template), parse.GetValue(name));
            var answer = await client.SendAsync(HttpMethod.Post, path + "/make-template", request, ct);
            if (!parse.GetValue(wait))
            {
                return await TemplateCommands.ReportAsync(parse, client, answer, wait: false, 0, ct);
            }
            // The template is Ready once the disk moved; the desktop is Stopped once its new overlay exists.
            var made = ApiClient.Deserialize<TemplateResponse>(answer);
            var desktop = ApiClient.Deserialize<DesktopResponse>(
                await DesktopCommands.WaitWhileAsync(client, path, await client.GetAsync(path, ct), "Creating", parse.GetValue(timeout), ct));
            var final = await client.GetAsync(TemplateCommands.PathOf(made.Id), ct);
            made = ApiClient.Deserialize<TemplateResponse>(final);
            StorageRender.Output(parse, final, (TemplateResponse t) =>
                Render.Done($"{t.Id}: {t.Status} ({t.DiskPath}); desktop {desktop.Id}: {desktop.Status} on {desktop.DiskPath}"));
            if (desktop.Status == "Creating")
            {
                throw new CliException($"{desktop.Id}: still Creating after {parse.GetValue(timeout)} s; see 'hyperfleet task list'");
            }
            if (made.Status == "Failed" || desktop.Status == "Failed")
            {
                throw new CliException($"make-template failed: {made.StatusDetail ?? desktop.StatusDetail}");
            }
            return 0;
        });
        return command;
    }
}
