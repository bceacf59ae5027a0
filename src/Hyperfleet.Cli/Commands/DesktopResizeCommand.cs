using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Desktops;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet desktop resize ID --size-gib N [--wait]</c>: grow a stopped desktop's disk.</summary>
public static class DesktopResizeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Desktop id (it must be Stopped)" };
        var size = new Option<int>("--size-gib") { Description = "New virtual size in GiB (never smaller than the disk is)", Required = true };
        var wait = new Option<bool>("--wait") { Description = "Wait until the disk is resized; exit 1 if it was not" };
        var timeout = TemplateCommands.TimeoutOption();
        var command = new Command("resize", "Grow a stopped desktop's disk (the guest then extends its partition)") { id, size, wait, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var path = $"api/v1/desktops/{Uri.EscapeDataString(parse.GetValue(id)!)}";
            var answer = await client.SendAsync(HttpMethod.Post, path + "/resize", new ResizeDiskRequest(parse.GetValue(size)), ct);
            var waited = parse.GetValue(wait);
            if (waited)
            {
                answer = await DesktopCommands.WaitWhileAsync(client, path, answer, "Updating", parse.GetValue(timeout), ct);
            }
            var desktop = ApiClient.Deserialize<DesktopResponse>(answer);
            if (waited && desktop.Status == "Updating")
            {
                throw new CliException($"{desktop.Id}: still Updating after {parse.GetValue(timeout)} s; see 'hyperfleet task list'");
            }
            if (waited && desktop.StatusDetail is not null)
            {
                throw new CliException($"{desktop.Id}: {desktop.StatusDetail}");
            }
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
            }
            else
            {
                Render.Done(waited ? $"{desktop.Id}: {desktop.Status}; its disk is {parse.GetValue(size)} GiB"
                    : $"{desktop.Id}: Updating; its disk grows to {parse.GetValue(size)} GiB");
            }
            return 0;
        });
        return command;
    }
}
