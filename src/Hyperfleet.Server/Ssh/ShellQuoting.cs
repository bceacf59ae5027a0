namespace Hyperfleet.Server.Ssh;

/// <summary>POSIX shell quoting for the few values Hyperfleet puts into remote commands and its ssh wrapper.</summary>
internal static class ShellQuoting
{
    /// <summary>One single-quoted word that the shell reads back as exactly <paramref name="value"/>.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
