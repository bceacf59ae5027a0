using System.Globalization;
using Hyperfleet.Contracts.Desktops;
using Spectre.Console;

namespace Hyperfleet.Cli.Output;

/// <summary>Human output of the desktop commands.</summary>
public static class DesktopRender
{
    public static string StatusMarkup(string status) => status switch
    {
        "Started" => "[green]Started[/]",
        "Failed" => "[red]Failed[/]",
        "Unknown" => "[yellow]Unknown[/]",
        "Starting" or "Stopping" or "Creating" or "Deleting" => $"[blue]{status}[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };

    public static void Desktops(IReadOnlyList<DesktopResponse> desktops)
    {
        if (desktops.Count == 0)
        {
            AnsiConsole.MarkupLine("No desktops yet. Create one with [bold]hyperfleet desktop create ID --template TEMPLATE[/].");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "Name", "Owner", "Status", "Hypervisor", "Memory", "vCPUs", "VNC", "SPICE", "Since");
        foreach (var d in desktops)
        {
            table.AddRow(Markup.Escape(d.Id), Markup.Escape(d.Name), Markup.Escape(d.Owner), StatusMarkup(d.Status), Markup.Escape(d.Hypervisor ?? "—"),
                $"{d.MemoryMib} MiB", d.Vcpus.ToString(CultureInfo.InvariantCulture), Port(d.VncPort), Port(d.SpicePort), Render.Ago(d.StatusSince));
        }
        AnsiConsole.Write(table);
    }

    public static void Desktop(DesktopResponse d)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value ?? "—"));
        grid.AddRow("[bold]Status[/]", StatusMarkup(d.Status) + $" since {Markup.Escape(d.StatusSince.ToString("u", CultureInfo.InvariantCulture))}");
        if (d.StatusDetail is not null)
        {
            Row("Detail", d.StatusDetail);
        }
        Row("Name", d.Name);
        Row("Owner", d.Owner);
        Row("Template", d.Template);
        Row("Disk", $"{d.DiskPath} (pool {d.Pool})");
        Row("Size", $"{d.MemoryMib} MiB, {d.Vcpus} vCPU");
        Row("Hypervisor", d.Hypervisor);
        Row("Placement", d.ForcedHypervisor is not null ? "forced to " + d.ForcedHypervisor
            : d.FavouriteHypervisor is not null ? "prefers " + d.FavouriteHypervisor : "any hypervisor");
        Row("VLAN", d.Vlan is { } vlan ? $"v{vlan}" : null);
        Row("Viewer", d.VncPort is null ? null : $"VNC {d.VncPort}, SPICE {d.SpicePort}");
        AnsiConsole.Write(new Panel(grid).Header(Markup.Escape(d.Id)).Border(BoxBorder.Rounded));
    }

    public static void Stopping(StopDesktopsResponse r)
    {
        Render.Done(r.Stopping.Count == 0 ? $"{r.Hypervisor}: no desktop to stop" : $"{r.Hypervisor}: stopping {string.Join(", ", r.Stopping)}");
        if (r.Skipped.Count > 0)
        {
            AnsiConsole.MarkupLine("[yellow]not asked (changed meanwhile, retry):[/] " + Markup.Escape(string.Join(", ", r.Skipped)));
        }
    }

    private static string Port(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
