using System.Text;
using Hyperfleet.Cli.Client;

namespace Hyperfleet.Cli.Commands;

/// <summary>Reads secrets from the terminal without echo; never from the command line.</summary>
internal static class Prompt
{
    public static string Secret(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            // Piped: read one line, so scripts can do `printf %s "$pw" | hyperfleet login`.
            return Console.In.ReadLine() is { Length: > 0 } line
                ? line
                : throw new CliException("no password given (set HYPERFLEET_PASSWORD or type it at the prompt)", ExitCodes.Usage);
        }
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
                continue;
            }
            secret.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return secret.Length > 0 ? secret.ToString() : throw new CliException("no password given", ExitCodes.Usage);
    }
}
