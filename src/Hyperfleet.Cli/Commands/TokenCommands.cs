using System.CommandLine;
using System.Globalization;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.EnrollmentTokens;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet token …</c>: enrollment tokens, with which hosts join by themselves (<c>hyperfleet agent</c>).</summary>
public static class TokenCommands
{
    public static Command Create()
    {
        var command = new Command("token", "Enrollment tokens: a host joins with one (hyperfleet agent --token …)");
        command.Subcommands.Add(New());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command New()
    {
        var ttl = new Option<string>("--ttl") { Description = "How long it works: 90s, 30m, 1h, 2d (at most 7d)", DefaultValueFactory = _ => "1h" };
        var uses = new Option<int?>("--uses") { Description = "How many hosts it may register (default: any number while it works)" };
        var hypervisor = new Option<string?>("--hypervisor") { Description = "The only hypervisor id it registers (also lets that host bring a new host key)" };
        var description = new Option<string?>("--description") { Description = "Free text, e.g. the room the hosts are in" };
        var command = new Command("create", "Create a token; prints it, the CA pin and the command to run on each host") { ttl, uses, hypervisor, description };
        command.SetAction(async (parse, ct) =>
        {
            var seconds = ParseTtl(parse.GetValue(ttl)!);
            using var client = GlobalOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/enrollment-tokens",
                new CreateEnrollmentTokenRequest(seconds, parse.GetValue(uses), parse.GetValue(hypervisor), parse.GetValue(description)), ct);
            StorageRender.Output(parse, answer, (EnrollmentTokenResponse t) =>
            {
                Render.Done($"token {t.Id}: {Describe(t)}");
                AnsiConsole.MarkupLine($"[bold]Token[/]   {Markup.Escape(t.Token ?? "")}");
                AnsiConsole.MarkupLine($"[bold]CA pin[/]  {Markup.Escape(t.CaPin)}");
                AnsiConsole.MarkupLine("[bold]On each host[/] (shown once; only a hash is kept):");
                Console.Out.WriteLine("  " + t.JoinCommand);
            });
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Tokens, newest first, with their state and uses (never the secret)");
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync("api/v1/enrollment-tokens", ct), (List<EnrollmentTokenResponse> tokens) =>
            {
                if (tokens.Count == 0)
                {
                    AnsiConsole.MarkupLine("No enrollment tokens. Create one with [bold]hyperfleet token create[/].");
                    return;
                }
                var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "State", "Uses", "Hypervisor", "Expires", "Last used", "By", "Description");
                foreach (var t in tokens)
                {
                    table.AddRow(t.Id, StateMarkup(t.State), t.UsesAllowed is { } allowed ? $"{t.Uses}/{allowed}" : $"{t.Uses}",
                        Markup.Escape(t.Hypervisor ?? "any"), Markup.Escape(t.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)),
                        t.LastUsedAt is { } used ? Render.Ago(used) : "never", Markup.Escape(t.CreatedBy), Markup.Escape(t.Description));
                }
                AnsiConsole.Write(table);
            });
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = "The token's id (the six characters before the dot)" };
        var command = new Command("revoke", "Revoke a token: it registers no more hosts (hosts it registered stay)") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var tokenId = parse.GetValue(id)!;
            // A whole token pasted by mistake is cut to its id: the secret is never sent in a URL.
            tokenId = tokenId.Split('.')[0];
            var answer = await client.SendAsync(HttpMethod.Delete, $"api/v1/enrollment-tokens/{Uri.EscapeDataString(tokenId)}", null, ct);
            StorageRender.Output(parse, answer, (EnrollmentTokenResponse t) => Render.Done($"token {t.Id}: revoked"));
            return 0;
        });
        return command;
    }

    /// <summary><c>90s</c>, <c>30m</c>, <c>1h</c>, <c>2d</c> (or plain seconds) → seconds; anything else is a usage error.</summary>
    internal static int ParseTtl(string text)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        var (digits, factor) = unit switch
        {
            's' => (text[..^1], 1),
            'm' => (text[..^1], 60),
            'h' => (text[..^1], 3600),
            'd' => (text[..^1], 86400),
            _ => (text, 1),
        };
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > int.MaxValue / factor)
        {
            throw new CliException($"--ttl '{text}' is not a duration like 90s, 30m, 1h or 2d", ExitCodes.Usage);
        }
        return n * factor;
    }

    private static string Describe(EnrollmentTokenResponse t) =>
        $"{(t.UsesAllowed is { } n ? $"{n} use(s)" : "any number of hosts")}, until {t.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}" +
        (t.Hypervisor is null ? "" : $", only hypervisor {t.Hypervisor}");

    private static string StateMarkup(string state) => state switch
    {
        EnrollmentTokenStates.Active => "[green]active[/]",
        EnrollmentTokenStates.Revoked => "[red]revoked[/]",
        _ => $"[grey]{Markup.Escape(state)}[/]",
    };
}
