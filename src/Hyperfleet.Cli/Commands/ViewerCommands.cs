using System.CommandLine;
using System.Globalization;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Video;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet desktop viewer ID</c> and <c>hyperfleet session …</c>: open a desktop's display, list and cut viewer sessions.</summary>
public static class ViewerCommands
{
    /// <summary><c>desktop viewer ID [--protocol browser|spice] [--output FILE]</c>.</summary>
    public static Command Viewer()
    {
        var id = new Argument<string>("id") { Description = "Desktop id" };
        var protocol = new Option<string>("--protocol") { Description = "spice: a .vv file for remote-viewer; browser: a noVNC WebSocket URL", DefaultValueFactory = _ => "spice" }
            .AcceptOnlyFromAmong("spice", "browser");
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the .vv file (default: ./ID.vv; '-' for standard output)" };
        var command = new Command("viewer", "A single-use viewer ticket for a running desktop (valid seconds): a .vv file, or a browser URL and password")
        {
            id, protocol, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var desktop = parse.GetValue(id)!;
            var body = new ViewerRequest(parse.GetValue(protocol) == "browser" ? ViewerProtocol.Browser : ViewerProtocol.Spice);
            var answer = await client.SendAsync(HttpMethod.Post, $"api/v1/desktops/{Uri.EscapeDataString(desktop)}/viewer", body, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
                return 0;
            }
            var viewer = ApiClient.Deserialize<ViewerResponse>(answer);
            var seconds = Math.Max(1, (int)(viewer.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds);
            if (viewer.Vv is { } vv)
            {
                var path = parse.GetValue(output) ?? desktop + ".vv";
                if (path == "-")
                {
                    Console.Out.Write(vv);
                    return 0;
                }
                // It holds a password and a ticket: readable by its owner only, like remote-viewer's own downloads.
                File.WriteAllText(path, vv);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Render.Done($"{Markup.Escape(path)}: open it within {seconds} s with [bold]remote-viewer {Markup.Escape(path)}[/] (it deletes the file)");
                return 0;
            }
            Render.Done($"open within {seconds} s: {Markup.Escape(viewer.Url ?? "")}  (VNC password {Markup.Escape(viewer.Password)})");
            return 0;
        });
        return command;
    }

    /// <summary><c>session list|cut</c>.</summary>
    public static Command Sessions()
    {
        var command = new Command("session", "Viewer sessions: who viewed which desktop, from where, bytes, duration");
        var status = new Option<string?>("--status") { Description = "Only sessions in this status" }.AcceptOnlyFromAmong("issued", "open", "ended", "expired");
        var desktop = new Option<string?>("--desktop") { Description = "Only sessions of this desktop" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List viewer sessions, newest first") { status, desktop, limit };
        list.Aliases.Add("ls");
        list.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var query = $"?limit={parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)}"
                + (parse.GetValue(status) is { } s ? "&status=" + s : "")
                + (parse.GetValue(desktop) is { } d ? "&desktop=" + Uri.EscapeDataString(d) : "");
            var answer = await client.GetAsync("api/v1/viewer-sessions" + query, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
            }
            else
            {
                Table(ApiClient.Deserialize<List<ViewerSessionResponse>>(answer));
            }
            return 0;
        });
        var id = new Argument<string>("id") { Description = "Session id" };
        var cut = new Command("cut", "Close a viewer session now (its proxy drops the connection)") { id };
        cut.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, $"api/v1/viewer-sessions/{Uri.EscapeDataString(parse.GetValue(id)!)}/cut", null, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(answer);
            }
            else
            {
                var session = ApiClient.Deserialize<ViewerSessionResponse>(answer);
                Render.Done($"{Markup.Escape(session.Id)}: cut ({Markup.Escape(session.User)} on {Markup.Escape(session.Desktop)})");
            }
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(cut);
        return command;
    }

    private static void Table(List<ViewerSessionResponse> sessions)
    {
        if (sessions.Count == 0)
        {
            AnsiConsole.MarkupLine("No viewer sessions yet.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("ID", "User", "Desktop", "Hypervisor", "Protocol", "Proxy", "Status", "From", "Started", "Duration", "To viewer", "From viewer", "End");
        foreach (var s in sessions)
        {
            var duration = s.StartedAt is { } start ? ((s.EndedAt ?? DateTimeOffset.UtcNow) - start).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "—";
            table.AddRow(Markup.Escape(s.Id), Markup.Escape(s.User), Markup.Escape(s.Desktop), Markup.Escape(s.Hypervisor),
                s.Protocol == ViewerProtocol.Spice ? "spice" : "browser", Markup.Escape(s.Proxy), StatusMarkup(s.Status),
                Markup.Escape(s.ClientAddress ?? "—"), s.StartedAt is { } t ? Render.Ago(t) : "—", duration,
                Bytes(s.BytesToClient), Bytes(s.BytesFromClient), Markup.Escape(s.EndReason ?? ""));
        }
        AnsiConsole.Write(table);
    }

    private static string StatusMarkup(string status) => status switch
    {
        "open" => "[green]open[/]",
        "issued" => "[blue]issued[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MiB",
    };
}
