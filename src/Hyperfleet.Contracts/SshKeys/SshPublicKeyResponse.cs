namespace Hyperfleet.Contracts.SshKeys;

/// <summary>The control plane's SSH public key, to install by hand on a hypervisor if preferred.</summary>
/// <param name="PublicKey">OpenSSH format, one line for authorized_keys.</param>
/// <param name="Fingerprint">SHA256 fingerprint, as <c>ssh-keygen -lf</c> shows it.</param>
public sealed record SshPublicKeyResponse(string PublicKey, string Fingerprint);
