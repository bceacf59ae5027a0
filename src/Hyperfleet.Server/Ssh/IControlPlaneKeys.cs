namespace Hyperfleet.Server.Ssh;

/// <summary>
/// The control plane's own SSH key pair, generated on first start in the data dir. The private key never
/// leaves this host; the public key is what admins install on hypervisors.
/// </summary>
public interface IControlPlaneKeys
{
    /// <summary>Path of the private key file (mode 0600).</summary>
    string PrivateKeyPath { get; }

    /// <summary>Public key in OpenSSH format (<c>ssh-ed25519 AAAA… hyperfleet@host</c>).</summary>
    string PublicKey { get; }

    /// <summary>
    /// A known_hosts file Hyperfleet owns, rewritten from the pinned host keys in the database, and an ssh
    /// wrapper (for libvirt's <c>qemu+ssh</c> <c>command=</c> parameter) that uses only this key and this file.
    /// </summary>
    string KnownHostsPath { get; }

    /// <summary>Executable that runs <c>ssh</c> with Hyperfleet's key, known_hosts and strict host key checking.</summary>
    string SshCommandPath { get; }

    /// <summary>Writes <see cref="KnownHostsPath"/> so it holds exactly these pins ([host]:port → key).</summary>
    Task WriteKnownHostsAsync(IEnumerable<SshTarget> pinned, CancellationToken ct);
}
