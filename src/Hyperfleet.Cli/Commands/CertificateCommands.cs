using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Certificates;
using Hyperfleet.Core.Certificates;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet cert list</c> and <c>hyperfleet ca</c>: what the control plane's CA issued, and the CA itself.</summary>
public static class CertificateCommands
{
    public static Command Create()
    {
        var command = new Command("cert", "Certificates the control plane's CA issued: expiry at a glance");
        var list = new Command("list", "List certificates (kind, subject, hypervisor, not after, days left, pin), soonest expiry first");
        list.Aliases.Add("ls");
        list.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync("api/v1/certificates", ct), (List<CertificateResponse> c) => Table(c));
            return 0;
        });
        command.Subcommands.Add(list);
        return command;
    }

    /// <summary><c>hyperfleet ca</c>: the CA certificate (PEM on stdout) and its pin, computed here from what was received.</summary>
    public static Command Ca()
    {
        var command = new Command("ca", "Print the control plane's CA certificate (PEM) and its pin sha256:… (what agents and --ca-pin check)");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var pem = await client.GetTextAsync("api/v1/ca", ct);
            string pin;
            try
            {
                using var ca = X509Certificate2.CreateFromPem(pem);
                pin = SpkiPin.Of(ca);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new CliException("the server sent no PEM certificate: " + e.Message);
            }
            if (parse.GetValue(GlobalOptions.Json))
            {
                Render.Json(JsonSerializer.SerializeToElement(new { pem, pin }));
                return 0;
            }
            Console.Write(pem);
            Console.Error.WriteLine($"# CA pin: {pin}");
            return 0;
        });
        return command;
    }

    private static void Table(IReadOnlyList<CertificateResponse> certificates)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Kind", "Subject", "Hypervisor", "Not after", "Days left", "Pin");
        foreach (var c in certificates)
        {
            var days = c.DaysLeft.ToString(CultureInfo.InvariantCulture);
            var daysMarkup = c.DaysLeft < 0 ? $"[red]expired ({days})[/]" : c.DaysLeft <= 30 ? $"[yellow]{days}[/]" : days;
            table.AddRow(Markup.Escape(c.Kind), Markup.Escape(c.Subject), Markup.Escape(c.Hypervisor ?? "—"),
                Markup.Escape(c.NotAfter.ToString("u", CultureInfo.InvariantCulture)), daysMarkup, Markup.Escape(c.SpkiSha256));
        }
        AnsiConsole.Write(table);
    }
}
