using System.CommandLine;
using System.Globalization;
using Hyperfleet.Cli.Client;
using Hyperfleet.Cli.Output;
using Hyperfleet.Contracts.Users;
using Spectre.Console;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet user …</c>: the admin's accounts (admins, and the users who own desktops).</summary>
public static class UserCommands
{
    public static Command Create()
    {
        var command = new Command("user", "Users: admins manage the fleet, users own, start and stop their desktops");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Argument<string> UsernameArgument() => new("username") { Description = "User name (a-z 0-9 . _ -, starting with a letter or digit)" };

    private static Command List()
    {
        var command = new Command("list", "List users with their role and how many desktops they own");
        command.Aliases.Add("ls");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            StorageRender.Output(parse, await client.GetAsync("api/v1/users", ct), (List<UserResponse> users) => Table(users));
            return 0;
        });
        return command;
    }

    private static Command Add()
    {
        var username = UsernameArgument();
        var role = new Option<string>("--role") { Description = "user (owns desktops) or admin (manages the fleet)", DefaultValueFactory = _ => "user" };
        role.AcceptOnlyFromAmong("user", "admin");
        var command = new Command("add", "Create a user (password from $PASSWORD or a prompt, never an argument)") { username, role };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var name = parse.GetValue(username)!;
            var password = Environment.GetEnvironmentVariable("PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                try
                {
                    password = Prompt.Secret($"Password for the new user {name}: ");
                }
                catch (CliException e) when (e.ExitCode == ExitCodes.Usage)
                {
                    throw new CliException("no password given (set PASSWORD or type it at the prompt)", ExitCodes.Usage);
                }
            }
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/users", new CreateUserRequest(name, password, parse.GetValue(role)), ct);
            StorageRender.Output(parse, answer, (UserResponse u) => Render.Done($"{u.Username}: added as {u.Role}"));
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var username = UsernameArgument();
        var command = new Command("delete", "Delete a user and end their sessions (not yourself, not the last admin, not while they own desktops)") { username };
        command.Aliases.Add("rm");
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var name = parse.GetValue(username)!;
            await client.SendAsync(HttpMethod.Delete, $"api/v1/users/{Uri.EscapeDataString(name)}", null, ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { username = name, removed = true }));
            }
            else
            {
                Render.Done($"{name}: removed");
            }
            return 0;
        });
        return command;
    }

    private static void Table(IReadOnlyList<UserResponse> users)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Username", "Role", "Desktops", "Created");
        foreach (var u in users)
        {
            table.AddRow(Markup.Escape(u.Username), u.Role == "admin" ? "[bold]admin[/]" : Markup.Escape(u.Role),
                u.Desktops.ToString(CultureInfo.InvariantCulture), u.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
    }
}
