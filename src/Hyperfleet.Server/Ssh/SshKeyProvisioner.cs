using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.Core.Ssh;
using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace Hyperfleet.Server.Ssh;

/// <summary>
/// What IsardVDI's add-hypervisor.sh does, done properly: one password login to install the control plane's
/// key (idempotently), then proof that key login works against the same host key, then proof that libvirtd
/// answers. The password is used for that one login and nothing else: never stored, never logged.
/// </summary>
public sealed partial class SshKeyProvisioner(IControlPlaneKeys keys, ISshConnector ssh, HostKeyPins pins, ILogger<SshKeyProvisioner> logger)
{
    public const int DefaultPort = 22;
    public const string DefaultUser = "root";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    // virsh when the host has it (it also proves the daemon answers calls); else at least the daemon's socket,
    // monolithic or modular.
    private const string LibvirtCheck =
        "if command -v virsh >/dev/null 2>&1; then virsh -c qemu:///system version; " +
        "else for s in /run/libvirt/libvirt-sock /run/libvirt/virtqemud-sock; do [ -S \"$s\" ] && echo \"socket $s\" && exit 0; done; " +
        "echo 'no virsh and no libvirt socket' >&2; exit 1; fi";

    public async Task<(InstallSshKeyResponse? Result, ProvisioningFailure? Failure)> InstallAsync(
        string host, int port, string user, string password, string actor, CancellationToken ct)
    {
        LogStarted(logger, user, host, port, actor);
        var (result, failure) = await RunStepsAsync(host, port, user, password, actor, ct);
        if (failure is not null)
        {
            LogFailed(logger, user, host, port, failure.Code, failure.Message);
        }
        else
        {
            LogInstalled(logger, user, host, port, result!.Fingerprint, result.PinnedOn.Count);
        }
        return (result, failure);
    }

    /// <summary>The shell command that puts <paramref name="publicKey"/> into ~/.ssh/authorized_keys once.</summary>
    public static string InstallCommand(string publicKey)
    {
        // Match on "type blob" so a copy installed by hand (other comment, or options in front) counts as present.
        var keyOnly = SshPublicKeyText.KeyPart(publicKey);
        return "umask 077 && mkdir -p ~/.ssh && chmod 700 ~/.ssh && touch ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys && " +
               $"if grep -qF -- {ShellQuoting.Quote(keyOnly)} ~/.ssh/authorized_keys; then echo present; " +
               // Never glue the key onto a last line that lacks its newline.
               "else { if [ -s ~/.ssh/authorized_keys ] && [ -n \"$(tail -c1 ~/.ssh/authorized_keys)\" ]; then echo; fi; " +
               $"echo {ShellQuoting.Quote(publicKey.Trim())}; }} >> ~/.ssh/authorized_keys && echo added; fi && " +
               // As ssh-copy-id does: on SELinux hosts a new file needs its label, or sshd cannot read it.
               "{ command -v restorecon >/dev/null 2>&1 && restorecon -F ~/.ssh ~/.ssh/authorized_keys >/dev/null 2>&1; true; }";
    }

    private async Task<(InstallSshKeyResponse? Result, ProvisioningFailure? Failure)> RunStepsAsync(
        string host, int port, string user, string password, string actor, CancellationToken ct)
    {
        var steps = new List<string>();
        ProvisioningFailure Fail(string code, string message, string? hostKey) => new(code, message, steps.ToList(), hostKey);

        // Servers that take passwords through PAM often offer only keyboard-interactive: answer either way.
        using var passwordAuth = new PasswordAuthenticationMethod(user, password);
        using var interactiveAuth = new KeyboardInteractiveAuthenticationMethod(user);
        interactiveAuth.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompt.Response = password;
            }
        };
        var (client, login) = await SshConnector.ConnectAsync(new SshTarget(host, port, user, null), [passwordAuth, interactiveAuth], ct);
        if (client is null)
        {
            var message = login.Reason == "ssh_auth_failed"
                ? $"wrong password for {user}@{host} (or {host}:{port} does not accept password logins)"
                : login.Detail ?? "login failed";
            return (null, Fail(login.Reason ?? "ssh_error", message, login.HostKey));
        }
        var hostKey = login.HostKey!;
        var fingerprint = HostKeyFingerprint.Sha256(hostKey)!;
        steps.Add($"logged in to {user}@{host}:{port} with the password; host key {fingerprint}");

        using (client)
        {
            var target = new SshTarget(host, port, user, hostKey);
            var (installed, failure) = await SshConnector.TryExecuteAsync(client, target, InstallCommand(keys.PublicKey), CommandTimeout, ct);
            if (installed is null)
            {
                return (null, Fail(failure!.Reason ?? "ssh_error", failure.Detail ?? "installing the key failed", hostKey));
            }
            if (installed.ExitStatus != 0)
            {
                return (null, Fail("key_install_failed",
                    $"could not write ~/.ssh/authorized_keys on {host}: {(installed.Stderr + installed.Stdout).Trim()}", hostKey));
            }
            steps.Add(installed.Stdout.Contains("present", StringComparison.Ordinal)
                ? "the control plane's key was already in ~/.ssh/authorized_keys"
                : "added the control plane's key to ~/.ssh/authorized_keys");
        }

        // A new connection, by key only, that must meet the host key the password login saw.
        var keyTarget = new SshTarget(host, port, user, hostKey);
        var keyLogin = await ssh.ProbeAsync(keyTarget, ct);
        if (!keyLogin.Ok)
        {
            var hint = keyLogin.Reason == "ssh_auth_failed" ? " (does sshd read ~/.ssh/authorized_keys for this user?)" : "";
            return (null, Fail(keyLogin.Reason ?? "ssh_error", $"key installed, but key login failed: {keyLogin.Detail}{hint}", hostKey));
        }
        steps.Add($"logged in with the control plane's key; same host key {fingerprint}");

        var (check, checkLogin) = await ssh.RunAsync(keyTarget, LibvirtCheck, CommandTimeout, ct);
        if (check is null && checkLogin.Reason != "ssh_error")
        {
            return (null, Fail(checkLogin.Reason ?? "ssh_error", $"key login worked, then: {checkLogin.Detail}", hostKey));
        }
        if (check is null || check.ExitStatus != 0)
        {
            // A virsh that hangs (ssh_error: did not finish) is a libvirtd that does not answer, too.
            var why = check is null ? checkLogin.Detail : (check.Stderr + check.Stdout).Trim();
            return (null, Fail("libvirt_down", $"key installed, but libvirtd does not answer: {why}", hostKey));
        }
        steps.Add("libvirtd answers: " + Summary(check.Stdout));

        var pinnedOn = await pins.PinForHostAsync(host, port, hostKey, actor, ct);
        foreach (var id in pinnedOn)
        {
            steps.Add($"pinned this host key on hypervisor {id}");
        }
        return (new InstallSshKeyResponse(host, port, user, hostKey, fingerprint, KeyInstalled: true, KeyLoginOk: true, LibvirtOk: true, steps, pinnedOn), null);
    }

    // virsh version prints "Compiled against…", "Using library…", "Using API…", "Running hypervisor: QEMU x.y.z":
    // the last says most about the host.
    private static string Summary(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.StartsWith("Running hypervisor", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "ok";
    }
}
