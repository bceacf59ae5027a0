using System.CommandLine;
using Hyperfleet.Cli.Client;
using Hyperfleet.Contracts.Auth;

namespace Hyperfleet.Cli.Commands;

/// <summary><c>hyperfleet login</c>: exchanges a password for a token and saves it.</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var username = new Option<string>("--username", "-u") { Description = "User name", DefaultValueFactory = _ => "admin" };
        var command = new Command("login", "Log in to a Hyperfleet server (password from $HYPERFLEET_PASSWORD or a prompt)") { username };
        command.SetAction(async (parse, ct) =>
        {
            using var client = GlobalOptions.Client(parse);
            var password = Environment.GetEnvironmentVariable("HYPERFLEET_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                password = Prompt.Secret($"Password for {parse.GetValue(username)}@{client.Server}: ");
            }
            var answer = await client.SendAsync(HttpMethod.Post, "api/v1/auth/token", new TokenRequest(parse.GetValue(username), password), ct);
            var token = ApiClient.Deserialize<TokenResponse>(answer);
            new CliCredentials(client.Server, token.Token, token.ExpiresAt).Save();
            Console.WriteLine($"Logged in to {client.Server} as {parse.GetValue(username)}; token valid until {token.ExpiresAt:u}.");
            return 0;
        });
        return command;
    }
}
