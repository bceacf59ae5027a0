using System.CommandLine;
using System.Text.Json;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Desktops;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet desktop …</c>: create, start, stop and delete desktops on the fleet.</summary>
public static class DesktopCommands
{
    public static Command Create()
    {
        var command = new Command("desktop", "Create, list, start, stop, resize and delete desktops");
        command.Aliases.Add("dt");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Stop());
        command.Subcommands.Add(Delete());
        command.Subcommands.Add(DesktopResizeCommand.Create());
        command.Subcommands.Add(DesktopMakeTemplateCommand.Create());
        command.Subcommands.Add(ViewerCommands.Viewer());
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "Desktop id" };

    private static string PathOf(string id) => $"api/v1/desktops/{Uri.EscapeDataString(id)}";

    /// <summary>
    /// Polls the desktop at <paramref name="path"/> while it is <paramref name="status"/> (a disk task works on it), for
    /// at most <paramref name="timeoutSeconds"/>; returns the last answer, starting from <paramref name="answer"/>.
    /// </summary>
    internal static async Task<JsonElement> WaitWhileAsync(ApiClient client, string path, JsonElement answer, string status,
        int timeoutSeconds, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (ApiClient.Deserialize<DesktopResponse>(answer).Status == status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
            answer = await client.GetAsync(path, ct);
        }
        return answer;
    }

    private static Command List()
    {
        var hypervisor = new Option<string?>("--hypervisor") { Description = "Only desktops recorded on this hypervisor" };
        var command = new Command("list", "List desktops with status, hypervisor and viewer ports") { hypervisor };
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var query = parse.GetValue(hypervisor) is { } h ? "?hypervisor=" + Uri.EscapeDataString(h) : "";
            var answer = await client.GetAsync("api/v1/desktops" + query, ct);
            Output(parse, answer, (List<DesktopResponse> d) => DesktopRender.Desktops(d));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var command = new Command("show", "Show one desktop, with why it failed or is unknown") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            Output(parse, await client.GetAsync(PathOf(parse.GetValue(id)!), ct), (DesktopResponse d) => DesktopRender.Desktop(d));
            return 0;
        });
        return command;
    }

    private static Command CreateCommand()
    {
        var id = IdArgument();
        var template = new Option<string>("--template") { Description = "A Ready template (or base) whose overlay becomes the desktop's disk", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)" };
        var memory = new Option<int?>("--memory") { Description = "Memory in MiB (default: the template's)" };
        var vcpus = new Option<int?>("--vcpus") { Description = "Virtual CPUs (default: the template's)" };
        var forced = new Option<string?>("--forced-hypervisor") { Description = "Run only on this hypervisor" };
        var favourite = new Option<string?>("--favourite-hypervisor") { Description = "Prefer this hypervisor when it can take it" };
        var owner = new Option<string?>("--owner") { Description = "The user it belongs to (default: you)" };
        var vlan = new Option<int?>("--vlan") { Description = "A VLAN network (a NIC on v<id>): it starts only on a hypervisor whose trunk carries it" };
        var command = new Command("create", "Create a desktop: Creating until its disk exists, then Stopped")
        {
            id, template, name, memory, vcpus, forced, favourite, owner, vlan,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var body = new CreateDesktopRequest(parse.GetValue(id), parse.GetValue(name), parse.GetValue(template), parse.GetValue(memory),
                parse.GetValue(vcpus), parse.GetValue(forced), parse.GetValue(favourite), parse.GetValue(owner), parse.GetValue(vlan));
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/desktops", body, ct);
            Output(parse, answer, (DesktopResponse d) => Render.Done($"{d.Id}: {d.Status}; its disk {d.DiskPath} is being made"));
            return 0;
        });
        return command;
    }

    private static Command Start()
    {
        var id = IdArgument();
        var command = new Command("start", "Place the desktop on a hypervisor and start it") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, PathOf(parse.GetValue(id)!) + "/start", null, ct);
            Output(parse, answer, (DesktopResponse d) => Render.Done($"{d.Id}: {d.Status} on {d.Hypervisor} (VNC {d.VncPort}, SPICE {d.SpicePort})"));
            return 0;
        });
        return command;
    }

    private static Command Stop()
    {
        var id = IdArgument();
        var force = new Option<bool>("--force") { Description = "Destroy now (power off) instead of an ACPI shutdown" };
        var command = new Command("stop", "Stop the desktop: ACPI shutdown, destroyed after the timeout (--force: at once)") { id, force };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var query = parse.GetValue(force) ? "?force=true" : "";
            var answer = await client.SendAsync(HttpMethod.Post, PathOf(parse.GetValue(id)!) + "/stop" + query, null, ct);
            Output(parse, answer, (DesktopResponse d) => Render.Done($"{d.Id}: {d.Status} on {d.Hypervisor}"));
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = IdArgument();
        var command = new Command("delete", "Delete a Stopped or Failed desktop and its disk") { id };
        command.Aliases.Add("rm");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Delete, PathOf(parse.GetValue(id)!), null, ct);
            Output(parse, answer, (DesktopResponse d) => Render.Done($"{d.Id}: Deleting; it is removed once its disk is"));
            return 0;
        });
        return command;
    }

    /// <summary><c>hyperfleet hypervisor stop-desktops ID</c>.</summary>
    public static Command StopDesktops()
    {
        var id = HypervisorCommands.IdArgument();
        var force = new Option<bool>("--force") { Description = "Destroy them now instead of an ACPI shutdown" };
        var command = new Command("stop-desktops", "Stop every desktop running on the hypervisor") { id, force };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var query = parse.GetValue(force) ? "?force=true" : "";
            var answer = await client.SendAsync(HttpMethod.Post,
                $"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}/stop-desktops{query}", null, ct);
            Output(parse, answer, (StopDesktopsResponse r) => DesktopRender.Stopping(r));
            return 0;
        });
        return command;
    }

    private static void Output<T>(ParseResult parse, JsonElement answer, Action<T> human)
    {
        if (parse.GetValue(GlobalOptions.Json))
        {
            Render.Json(answer);
        }
        else
        {
            human(ApiClient.Deserialize<T>(answer));
        }
    }
}
