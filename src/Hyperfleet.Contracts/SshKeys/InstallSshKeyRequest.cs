namespace Hyperfleet.Contracts.SshKeys;

/// <summary>Body of <c>POST /api/v1/ssh-keys/install</c>: log in once with a password to install the control plane's key.</summary>
/// <param name="Host">DNS name or IP of the hypervisor.</param>
/// <param name="Port">SSH port (default 22).</param>
/// <param name="User">SSH user (default root).</param>
/// <param name="Password">The user's password; used for this login only, never stored or logged.</param>
public sealed record InstallSshKeyRequest(string? Host, int? Port = null, string? User = null, string? Password = null);
