namespace Hyperfleet.Contracts.SshKeys;

/// <summary>What <c>POST /api/v1/ssh-keys/install</c> did, step by step.</summary>
/// <param name="Host">The host.</param>
/// <param name="Port">The SSH port.</param>
/// <param name="User">The SSH user.</param>
/// <param name="HostKey">The host key the host presented (OpenSSH format); compare its fingerprint out of band.</param>
/// <param name="Fingerprint">SHA256 fingerprint of <paramref name="HostKey"/>.</param>
/// <param name="KeyInstalled">The control plane's key is in authorized_keys (added now, or already there).</param>
/// <param name="KeyLoginOk">A login with the key (not the password) worked, presenting the same host key.</param>
/// <param name="LibvirtOk">libvirtd answered on the host.</param>
/// <param name="Steps">Human lines, in order.</param>
/// <param name="PinnedOn">Ids of hypervisors at this host and port whose pinned host key was set from this login.</param>
public sealed record InstallSshKeyResponse(
    string Host,
    int Port,
    string User,
    string HostKey,
    string Fingerprint,
    bool KeyInstalled,
    bool KeyLoginOk,
    bool LibvirtOk,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> PinnedOn);
