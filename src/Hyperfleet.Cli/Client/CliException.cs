namespace Hyperfleet.Cli.Client;

/// <summary>A failure to report as one line and a non-zero exit code.</summary>
public sealed class CliException(string message, int exitCode = 1, string? code = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The API's stable problem code, when the failure came from the API.</summary>
    public string? Code { get; } = code;
}
