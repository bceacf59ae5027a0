using System.CommandLine;
using System.Globalization;
using Hyperfleet.Cli.Client;
using Hyperfleet.Contracts.Hypervisors;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary>
/// <c>hyperfleet hypervisor diagnose ID</c>: the seed's monitoring commands (<c>wg show</c>, <c>ovs-vsctl show</c>, the
/// engine's log) in one view, from both ends of the hypervisor's tunnel.
/// </summary>
public static class HypervisorDiagnoseCommand
{
    public static Command Create()
    {
        var id = HypervisorCommands.IdArgument();
        var command = new Command("diagnose", "The hypervisor's tunnel from both ends (handshake age, bytes, BFD, endpoint), the VPN node's ports and the last tunnel events") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync($"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}/diagnose", ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Output.Render.Json(answer);
                return 0;
            }
            Print(ApiClient.Deserialize<HypervisorDiagnosisResponse>(answer));
            return 0;
        });
        return command;
    }

    private static void Print(HypervisorDiagnosisResponse d)
    {
        var up = d.TunnelStatus == TunnelStatuses.Connected;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(d.Hypervisor)}[/]: {WireNames.Of(d.Mode)}, overlay address {Markup.Escape(d.Address ?? "none")}, tunnel "
            + (up ? "[green]connected[/]" : $"[red]disconnected[/] {Markup.Escape(d.TunnelReason ?? "")}")
            + (d.TunnelDetail is { } detail ? $" [dim]({Markup.Escape(detail)})[/]" : ""));
        var table = new Table().Border(TableBorder.Rounded).AddColumns("", "VPN node's end", "Hypervisor's end (agent)");
        var n = d.VpnNode;
        var a = d.Agent;
        table.AddRow("status", n is null ? "[grey]not in this process[/]" : Markup.Escape(d.TunnelStatus), Markup.Escape(a is null ? "no report" : a.Status + (a.Reason is { } r ? $" ({r})" : "")));
        table.AddRow("WireGuard handshake", Age(n?.HandshakeAgeSeconds), Age(a?.HandshakeAgeSeconds));
        table.AddRow("bytes rx / tx", n is null ? "—" : $"{n.RxBytes:N0} / {n.TxBytes:N0}", a is null ? "—" : $"{a.RxBytes:N0} / {a.TxBytes:N0}");
        table.AddRow("BFD", Markup.Escape(Bfd(n?.BfdState, n?.BfdDiagnostic)), Markup.Escape(Bfd(a?.BfdState, a?.BfdDiagnostic)));
        table.AddRow("endpoint / remote", Markup.Escape($"{n?.Endpoint ?? "—"} / {n?.GeneveRemote ?? "—"}"), Markup.Escape(a?.Endpoint ?? "—"));
        table.AddRow("Geneve port", Markup.Escape(n?.GenevePort ?? "—"), "gnv-hub");
        table.AddRow("repairs", "—", a is null ? "—" : a.Repairs.ToString(CultureInfo.InvariantCulture));
        table.AddRow("reported", "now", d.AgentReportedAt is { } at ? Markup.Escape(at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)) : "—");
        AnsiConsole.Write(table);
        if (d.NodePorts.Count > 0)
        {
            AnsiConsole.MarkupLine("[bold]VPN node's ports[/]: " + Markup.Escape(string.Join(", ", d.NodePorts)));
        }
        foreach (var e in d.Events)
        {
            AnsiConsole.MarkupLine($"  [dim]{e.Time.ToLocalTime():yyyy-MM-dd HH:mm:ss}[/] {Markup.Escape(e.Kind)} {Markup.Escape(e.Reason ?? "")} {Markup.Escape(e.Detail ?? "")}");
        }
    }

    private static string Age(double? seconds) =>
        seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.#} s ago") : "—";

    private static string Bfd(string? state, string? diagnostic) =>
        state is null ? "—" : state + (state != "up" && diagnostic is { } d ? $" ({d})" : "");
}
