using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Contracts.Ports;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet hypervisor ports ID</c>: which ports to open for this hypervisor, and the firewall commands.</summary>
public static class HypervisorPortsCommand
{
    public static Command Create()
    {
        var id = HypervisorCommands.IdArgument();
        var firewall = new Option<string>("--firewall") { Description = "Dialect of the commands: iptables (default) or firewalld", DefaultValueFactory = _ => "iptables" }
            .AcceptOnlyFromAmong("iptables", "firewalld");
        var deployment = new Option<string>("--deployment") { Description = "native (default: Hyperfleet on the host) or container (forward to DOCKER_NET addresses)", DefaultValueFactory = _ => "native" }
            .AcceptOnlyFromAmong("native", "container");
        var command = new Command("ports", "Ports this hypervisor needs open, for its tunneling mode and flavour, with firewall commands") { id, firewall, deployment };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var answer = await client.GetAsync($"api/v1/hypervisors/{Uri.EscapeDataString(parse.GetValue(id)!)}/ports", ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Output.Render.Json(answer);
                return 0;
            }
            var ports = ApiClient.Deserialize<HypervisorPortsResponse>(answer);
            var dialect = parse.GetValue(firewall) == "firewalld" ? FirewallDialect.Firewalld : FirewallDialect.Iptables;
            var where = parse.GetValue(deployment) == "container" ? FirewallDeployment.Container : FirewallDeployment.Native;
            Print(ports, dialect, where);
            return 0;
        });
        return command;
    }

    private static void Print(HypervisorPortsResponse ports, FirewallDialect dialect, FirewallDeployment deployment)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{ports.HypervisorId} ({ports.Hostname})"))
            .AddColumns("Traffic", "Port", "From → To", "Open on", "Needed", "Description");
        foreach (var r in ports.Requirements)
        {
            var description = r.Description + (r.OriginNote is { } note ? $" [dim]{Markup.Escape(note)}[/]" : "");
            table.AddRow(
                Markup.Escape(r.TrafficType),
                Markup.Escape($"{r.Ports}/{r.Protocol.ToString().ToLowerInvariant()}"),
                Markup.Escape($"{Name(r.From)} → {Name(r.To)}"),
                r.OpenOn is { } host ? Name(host) : "—",
                r.Applies ? "[green]yes[/]" : "[grey]no[/]",
                r.Applies ? description : $"[grey]{description}[/]");
        }
        AnsiConsole.Write(table);
        foreach (var set in ports.FirewallCommands.Where(s => s.Dialect == dialect && s.Deployment == deployment))
        {
            AnsiConsole.MarkupLine($"\n[bold]On the {Name(set.Host)}[/] ({dialect.ToString().ToLowerInvariant()}, {deployment.ToString().ToLowerInvariant()}):");
            foreach (var line in set.Commands)
            {
                Console.WriteLine("  " + line);
            }
            foreach (var note in set.Notes)
            {
                AnsiConsole.MarkupLine("  [dim]# " + Markup.Escape(note) + "[/]");
            }
        }
    }

    private static string Name(Enum value) => value switch
    {
        FirewallHost.ControlPlane or PortEndpoint.ControlPlane => "control plane",
        FirewallHost.Hypervisor or PortEndpoint.Hypervisor => "hypervisor",
        PortEndpoint.Clients => "viewer clients",
        _ => value.ToString(),
    };
}
