namespace Hyperfleet.Server.Ssh;

/// <summary>Where and as whom to reach a host over SSH, and the host key it must present (null: none pinned yet).</summary>
public sealed record SshTarget(string Host, int Port, string User, string? PinnedHostKey);
