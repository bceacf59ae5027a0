namespace Hyperfleet.Server.Ssh;

/// <summary>What a command run over SSH returned.</summary>
public sealed record SshCommandResult(int ExitStatus, string Stdout, string Stderr);
