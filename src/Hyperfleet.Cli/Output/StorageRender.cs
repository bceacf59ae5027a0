using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Commands;
using Hyperfleet.Contracts.Storage;
using Spectre.Console;

namespace Hyperfleet.Cli.Output;

/// <summary>Human output of the pool, template and task commands.</summary>
public static class StorageRender
{
    /// <summary>JSON with <c>--json</c>, else the human rendering of the answer.</summary>
    public static void Output<T>(ParseResult parse, JsonElement answer, Action<T> human)
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

    public static string StatusMarkup(string status) => status switch
    {
        "Ready" or "done" => $"[green]{status}[/]",
        "Failed" or "failed" => $"[red]{status}[/]",
        "Creating" or "Deleting" or "running" => $"[blue]{status}[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };

    public static void Pools(IReadOnlyList<PoolResponse> pools)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "Name", "Mountpoint", "Hypervisors");
        foreach (var p in pools)
        {
            table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Name), Markup.Escape(p.Mountpoint),
                p.Hypervisors.Count == 0 ? "[grey]none[/]" : Markup.Escape(string.Join(", ", p.Hypervisors)));
        }
        AnsiConsole.Write(table);
    }

    public static void Pool(PoolResponse p)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value));
        Row("Name", p.Name);
        Row("Mountpoint", p.Mountpoint);
        Row("Bases", p.Paths.Bases);
        Row("Templates", p.Paths.Templates);
        Row("Desktops", p.Paths.Groups);
        Row("Media", p.Paths.Media);
        Row("Volatile", p.Paths.Volatile);
        Row("Hypervisors", p.Hypervisors.Count == 0 ? "none (no host can run its disk tasks)" : string.Join(", ", p.Hypervisors));
        AnsiConsole.Write(new Panel(grid).Header(Markup.Escape(p.Id)).Border(BoxBorder.Rounded));
    }

    public static void Check(PoolCheckResponse check)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"pool {check.PoolId}")).AddColumns("Hypervisor", "Result", "Directories", "Detail");
        foreach (var h in check.Hosts)
        {
            var result = !h.Checked ? $"[grey]skipped ({Markup.Escape(h.Reason ?? "")})[/]" : h.Ok ? "[green]ok[/]" : $"[red]{Markup.Escape(h.Reason ?? "failed")}[/]";
            var dirs = string.Join(", ", h.Paths.Select(p => p.Name + (p.Created ? " (created)" : "") + (p.Exists && p.Writable ? "" : " ✗")));
            table.AddRow(Markup.Escape(h.HypervisorId), result, Markup.Escape(dirs), Markup.Escape(h.Detail ?? ""));
        }
        AnsiConsole.Write(table);
        if (check.Hosts.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]No hypervisor mounts this pool.[/]");
        }
    }

    public static void Templates(IReadOnlyList<TemplateResponse> templates)
    {
        if (templates.Count == 0)
        {
            AnsiConsole.MarkupLine("No bases or templates yet. Create a base with [bold]hyperfleet template create ID --size-gib 20[/].");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "Name", "Kind", "Status", "Parent", "Pool", "Memory", "vCPUs", "Disk");
        foreach (var t in templates)
        {
            table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Name), t.Kind, StatusMarkup(t.Status), Markup.Escape(t.Parent ?? "—"), Markup.Escape(t.Pool),
                $"{t.MemoryMib} MiB", t.Vcpus.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.DiskPath));
        }
        AnsiConsole.Write(table);
    }

    public static void Template(TemplateResponse t)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value ?? "—"));
        grid.AddRow("[bold]Status[/]", StatusMarkup(t.Status));
        if (t.StatusDetail is not null)
        {
            Row("Detail", t.StatusDetail);
        }
        Row("Name", t.Name);
        Row("Kind", t.Kind);
        Row("Parent", t.Parent);
        Row("Disk", $"{t.DiskPath} (pool {t.Pool})");
        Row("Desktops get", $"{t.MemoryMib} MiB, {t.Vcpus} vCPU");
        Row("Last task", t.TaskId?.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(new Panel(grid).Header(Markup.Escape(t.Id)).Border(BoxBorder.Rounded));
    }

    public static void Tasks(IReadOnlyList<DiskTaskResponse> tasks)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "Kind", "Status", "For", "Hypervisor", "Attempts", "Created", "Error");
        foreach (var t in tasks)
        {
            table.AddRow(t.Id.ToString(CultureInfo.InvariantCulture), t.Kind, StatusMarkup(t.Status),
                Markup.Escape(t.OwnerKind is null ? "—" : $"{t.OwnerKind} {t.OwnerId}"), Markup.Escape(t.HypervisorId ?? "—"),
                t.Attempts.ToString(CultureInfo.InvariantCulture), Render.Ago(t.CreatedAt), Markup.Escape(Clip(t.Error)));
        }
        AnsiConsole.Write(table);
    }

    public static void Task(DiskTaskResponse t)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value ?? "—"));
        grid.AddRow("[bold]Status[/]", StatusMarkup(t.Status));
        Row("Kind", t.Kind);
        Row("For", t.OwnerKind is null ? null : $"{t.OwnerKind} {t.OwnerId}");
        Row("Pool", t.Pool);
        Row("Hypervisor", t.HypervisorId);
        Row("Attempts", t.Attempts.ToString(CultureInfo.InvariantCulture));
        Row("Arguments", t.Arguments.GetRawText());
        Row("Created", t.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        Row("Started", t.StartedAt?.ToString("u", CultureInfo.InvariantCulture));
        Row("Finished", t.FinishedAt?.ToString("u", CultureInfo.InvariantCulture));
        if (t.Status == "queued" && t.Attempts > 0)
        {
            Row("Retry at", t.NotBefore.ToString("u", CultureInfo.InvariantCulture));
        }
        Row("Error", t.Error);
        Row("Result", t.Result);
        AnsiConsole.Write(new Panel(grid).Header($"task {t.Id}").Border(BoxBorder.Rounded));
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..79] + "…";
}
