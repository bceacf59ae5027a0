using System.Globalization;
using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Spectre.Console;

namespace Hyperfleet.Cli.Output;

/// <summary>Human output: tables and short lines. Scripts use <c>--json</c> instead.</summary>
public static class Render
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Json(JsonElement element) => Console.WriteLine(JsonSerializer.Serialize(element, Indented));

    public static void Done(string line) => AnsiConsole.MarkupLine("[green]✓[/] " + Markup.Escape(line));

    public static string TypeLabel(string type) => type switch
    {
        "pure_hypervisor" => "pure hypervisor",
        "pure_disk_operations" => "pure disk operations",
        _ => "mixed",
    };

    public static string StatusMarkup(HypervisorStatus status) => status switch
    {
        HypervisorStatus.Online => "[green]Online[/]",
        HypervisorStatus.Error => "[red]Error[/]",
        HypervisorStatus.Deleting => "[yellow]Deleting[/]",
        _ => "[grey]Offline[/]",
    };

    public static void Hypervisors(IReadOnlyList<HypervisorResponse> hypervisors)
    {
        if (hypervisors.Count == 0)
        {
            AnsiConsole.MarkupLine("No hypervisors yet. Add one with [bold]hyperfleet hypervisor add ID --hostname HOST[/].");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("ID", "Enabled", "Status", "Type", "Flavour", "VPN mode", "Host", "Since");
        foreach (var h in hypervisors)
        {
            var status = StatusMarkup(h.Status) + (h.StatusReason is { } reason ? $" [dim]({Markup.Escape(reason)})[/]" : "");
            table.AddRow(
                Markup.Escape(h.Id),
                h.Enabled ? "[green]yes[/]" : "no",
                status,
                TypeLabel(h.Type),
                WireNames.Of(h.Flavour),
                WireNames.Of(h.VpnTunnelingMode),
                Markup.Escape($"{h.SshUser}@{h.Hostname}:{h.SshPort}") + (h.Agent is { } agent ? $" [dim](agent {Markup.Escape(agent.State)})[/]" : ""),
                Ago(h.StatusSince));
        }
        AnsiConsole.Write(table);
    }

    public static void Hypervisor(HypervisorResponse h)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value ?? "—"));
        grid.AddRow("[bold]Status[/]", StatusMarkup(h.Status) + $" since {Markup.Escape(h.StatusSince.ToString("u", CultureInfo.InvariantCulture))}");
        if (h.StatusReason is not null || h.StatusDetail is not null)
        {
            Row("Reason", h.StatusReason);
            Row("Detail", h.StatusDetail);
        }
        Row("Enabled", h.Enabled ? "yes" : "no");
        Row("Description", h.Description.Length == 0 ? null : h.Description);
        Row("Type", TypeLabel(h.Type));
        Row("SSH", $"{h.SshUser}@{h.Hostname}:{h.SshPort}");
        Row("Host key", h.SshHostKeyFingerprint ?? "not pinned yet");
        Row("Flavour", WireNames.Of(h.Flavour));
        Row("VPN mode", $"{WireNames.Of(h.VpnTunnelingMode)} (tunnel {h.TunnelStatus}" + (h.Vpn?.TunnelReason is { } why ? $": {why}" : "") + ")");
        if (h.Vpn?.Address is { } overlay)
        {
            Row("Overlay", $"{overlay}, WireGuard key {h.Vpn.WgPublicKey ?? "none"}" + (h.Vpn.TunnelDetail is { } detail ? $"; {detail}" : ""));
        }
        if (h.Vlans is { } vlans)
        {
            Row("VLANs", (vlans.Interfaces.Count == 0 ? "none" : string.Join(", ", vlans.Interfaces)) + $" on {vlans.Trunk}"
                + (vlans.Detected ? " (heard on the trunk)" : " (static list)"));
        }
        Row("MTU", $"infrastructure {h.InfrastructureMtu}, guests {h.GuestMtu}");
        Row("Viewer", $"static {h.Viewer.StaticHost ?? "—"}, video proxy {h.Viewer.ProxyVideoHost ?? "—"}, hyper host {h.Viewer.ProxyHyperHost ?? "—"}, spice :{h.Viewer.SpicePort}, html5 :{h.Viewer.Html5Port}");
        Row("Placement", (h.OnlyForced ? "only forced desktops" : "any desktop") + $", keeps {h.MinFreeMemMib} MiB free");
        Row("Registered by", h.RegisteredBy);
        if (h.Agent is { } agent)
        {
            Row("Agent", $"{agent.Version ?? "?"}, {agent.State}" + (agent.LastHeartbeat is { } beat ? $", last report {Ago(beat)}" : "")
                + (agent.DisabledByAdmin ? ", held disabled by an admin" : ""));
            foreach (var check in agent.Checks)
            {
                grid.AddRow($"[bold]  {Markup.Escape(check.Name)}[/]", (check.Ok ? "[green]ok[/] " : "[red]failed[/] ") + Markup.Escape(check.Detail));
            }
        }
        AnsiConsole.Write(new Panel(grid).Header(Markup.Escape(h.Id)).Border(BoxBorder.Rounded));
    }

    public static void Events(IReadOnlyList<HypervisorEventResponse> events)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Time", "Actor", "What", "Status", "Reason", "Detail");
        foreach (var e in events)
        {
            var change = e.FromStatus is null && e.ToStatus is null ? "" : $"{e.FromStatus} → {e.ToStatus}";
            table.AddRow(Markup.Escape(e.Time.ToString("u", CultureInfo.InvariantCulture)), Markup.Escape(e.Actor), Markup.Escape(e.Kind),
                Markup.Escape(change), Markup.Escape(e.Reason ?? ""), Markup.Escape(e.Detail ?? ""));
        }
        AnsiConsole.Write(table);
    }

    public static string Ago(DateTimeOffset since)
    {
        var span = DateTimeOffset.UtcNow - since;
        return span.TotalSeconds < 60 ? $"{Math.Max(0, (int)span.TotalSeconds)}s ago"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m ago"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours}h ago"
            : $"{(int)span.TotalDays}d ago";
    }
}
