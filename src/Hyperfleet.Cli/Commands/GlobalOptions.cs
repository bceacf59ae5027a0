using System.CommandLine;
using Hyperfleet.Cli.Client;

namespace Hyperfleet.Cli.Commands;

/// <summary>Options every client command takes.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = "URL of the Hyperfleet API (default: $HYPERFLEET_URL, else the one you logged in to, else " + CliCredentials.DefaultServer + ")",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON for scripts instead of tables",
        Recursive = true,
    };

    public static readonly Option<string?> CaPin = new("--ca-pin")
    {
        Description = "For an https server: trust its certificate when it chains to the CA key with this pin, sha256:… as serve prints it (default: $HYPERFLEET_CA_PIN)",
        Recursive = true,
    };

    /// <summary>Resolves the server and token in order: option, environment, saved login, default.</summary>
    public static ApiClient Client(ParseResult parse)
    {
        var saved = CliCredentials.Load();
        var fromEnvironment = Environment.GetEnvironmentVariable("HYPERFLEET_URL");
        var server = parse.GetValue(Server)
            ?? (string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment)
            ?? saved?.Server
            ?? CliCredentials.DefaultServer;
        var token = Environment.GetEnvironmentVariable("HYPERFLEET_TOKEN") is { Length: > 0 } t ? t : null;
        if (token is null && saved is not null && SameServer(saved.Server, server))
        {
            token = saved.Token;
        }
        return new ApiClient(server, token, Pin(parse));
    }

    /// <summary>The CA pin: <c>--ca-pin</c>, else <c>HYPERFLEET_CA_PIN</c>, else none.</summary>
    public static string? Pin(ParseResult parse) =>
        parse.GetValue(CaPin) ?? (Environment.GetEnvironmentVariable("HYPERFLEET_CA_PIN") is { Length: > 0 } p ? p : null);

    private static bool SameServer(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
