using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.Core.Ssh;
using Renci.SshNet;

namespace Hyperfleet.Server.Ssh;

/// <summary>
/// What IsardVDI's add-hypervisor.sh does, done properly: one password login to install the control plane's
/// key (idempotently), then proof that key login works against the same host key, then proof that libvirtd
/// answers. The password is used for that one login and nothing else.
/// </summary>
public sealed class SshKeyProvisioner(IControlPlaneKeys keys, ISshConnector ssh, HostKeyPins pins)
{
    public async Task<(InstallSshKeyResponse? Result, ProvisioningFailure? Failure)> InstallAsync(
        string host, int port, string user, string password, string actor, CancellationToken ct)
    {
        var steps = new List<string>();
        using var passwordAuth = new PasswordAuthenticationMethod(user, password);
        var (client, login) = await SshConnector.ConnectAsync(new SshTarget(host, port, user, null), passwordAuth, ct);
        if (client is null)
        {
            var detail = login.Reason == "ssh_auth_failed" ? $"wrong password for {user}@{host}:{port} (or password login is disabled)" : login.Detail;
            return (null, new ProvisioningFailure(login.Reason ?? "ssh_error", detail ?? "login failed", steps));
        }
        var hostKey = login.HostKey!;
        var fingerprint = HostKeyFingerprint.Sha256(hostKey)!;
        steps.Add($"logged in to {user}@{host}:{port} with the password; host key {fingerprint}");
        using (client)
        {
            var publicKey = keys.PublicKey;
            // Append only when absent: running it twice leaves one line.
            var install = "umask 077; mkdir -p ~/.ssh && touch ~/.ssh/authorized_keys && " +
                          $"(grep -qxF '{publicKey}' ~/.ssh/authorized_keys && echo present || (echo '{publicKey}' >> ~/.ssh/authorized_keys && echo added))";
            var installed = await SshConnector.ExecuteAsync(client, install, TimeSpan.FromSeconds(15), ct);
            if (installed.ExitStatus != 0)
            {
                return (null, new ProvisioningFailure("key_install_failed", $"could not write ~/.ssh/authorized_keys: {installed.Stderr.Trim()}", steps));
            }
            steps.Add(installed.Stdout.Trim() == "present" ? "the control plane's key was already authorized" : "authorized the control plane's key");
        }
        var target = new SshTarget(host, port, user, hostKey);
        var (check, keyLogin) = await ssh.RunAsync(target,
            "if command -v virsh >/dev/null; then virsh -c qemu:///system version; else test -S /run/libvirt/libvirt-sock && echo libvirt-sock; fi",
            TimeSpan.FromSeconds(20), ct);
        if (check is null)
        {
            return (null, new ProvisioningFailure(keyLogin.Reason ?? "ssh_error", $"key installed, but key login failed: {keyLogin.Detail}", steps));
        }
        steps.Add("logged in with the control plane's key; same host key");
        var libvirtOk = check.ExitStatus == 0;
        if (!libvirtOk)
        {
            return (null, new ProvisioningFailure("libvirt_down",
                $"key installed, but libvirtd does not answer: {(check.Stderr + check.Stdout).Trim()}", steps));
        }
        steps.Add("libvirtd answers");
        var pinnedOn = await pins.PinForHostAsync(host, port, hostKey, actor, ct);
        foreach (var id in pinnedOn)
        {
            steps.Add($"pinned this host key on hypervisor {id}");
        }
        return (new InstallSshKeyResponse(host, port, user, hostKey, fingerprint, true, true, libvirtOk, steps, pinnedOn), null);
    }
}

/// <summary>Why provisioning stopped, with the steps that did succeed.</summary>
public sealed record ProvisioningFailure(string Code, string Message, IReadOnlyList<string> Steps);
