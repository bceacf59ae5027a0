using Hyperfleet.Core.Ssh;
using System.Diagnostics;
using System.Text;
using Hyperfleet.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Ssh;

/// <summary>
/// The control plane's ed25519 key pair in <c>&lt;data dir&gt;/ssh</c>, made with <c>ssh-keygen</c> on first use
/// and reused afterwards, plus Hyperfleet's own known_hosts and an <c>ssh</c> wrapper that uses only them.
/// </summary>
public sealed partial class ControlPlaneKeys : IControlPlaneKeys, IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyExecutable = OwnerOnly | UnixFileMode.UserExecute;

    private readonly string directory;
    private readonly string privateKeyPath;
    private readonly string knownHostsPath;
    private readonly string sshCommandPath;
    private readonly ILogger<ControlPlaneKeys> logger;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly Lazy<string> publicKey;

    public ControlPlaneKeys(IOptions<HyperfleetOptions> options, ILogger<ControlPlaneKeys> logger)
    {
        this.logger = logger;
        directory = Path.Combine(Path.GetFullPath(options.Value.DataDir), "ssh");
        privateKeyPath = Path.Combine(directory, "id_ed25519");
        knownHostsPath = Path.Combine(directory, "known_hosts");
        sshCommandPath = Path.Combine(directory, "ssh");
        publicKey = new Lazy<string>(Ensure, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    // Every path getter makes sure the files exist: whoever hands a path to ssh or libvirt first gets a usable one.
    public string PrivateKeyPath => Ensured(privateKeyPath);

    public string PublicKey => publicKey.Value;

    public string KnownHostsPath => Ensured(knownHostsPath);

    public string SshCommandPath => Ensured(sshCommandPath);

    public async Task WriteKnownHostsAsync(IEnumerable<SshTarget> pinned, CancellationToken ct)
    {
        _ = PublicKey;
        var text = KnownHostsText(pinned);
        await writeGate.WaitAsync(ct);
        try
        {
            // Write and rename: ssh started by libvirt at this moment reads the old file or the new one, never half.
            var temp = knownHostsPath + ".tmp";
            await File.WriteAllTextAsync(temp, text, ct);
            File.Move(temp, knownHostsPath, overwrite: true);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>known_hosts lines for these pins (targets without a pin are left out), in a stable order.</summary>
    public static string KnownHostsText(IEnumerable<SshTarget> pinned)
    {
        var text = new StringBuilder();
        var lines = pinned.Where(p => p.PinnedHostKey is not null)
            .Select(p => KnownHostsName(p.Host, p.Port) + " " + SshPublicKeyText.KeyPart(p.PinnedHostKey!))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The name ssh looks a host up by: <c>[host]:port</c> unless the port is 22.</summary>
    public static string KnownHostsName(string host, int port)
    {
        var bare = host.Trim('[', ']');
        return port == 22 ? bare : $"[{bare}]:{port}";
    }

    /// <summary>The wrapper script: ssh with only Hyperfleet's key and known_hosts, strict, never prompting.</summary>
    public static string WrapperScript(string privateKeyPath, string knownHostsPath)
    {
        // ssh keeps the first value it sees for an option, so these win over any -o libvirt appends
        // (even no_verify=1's StrictHostKeyChecking=no). Values are double-quoted for ssh, since
        // UserKnownHostsFile splits on blanks, and single-quoted for sh.
        static string Option(string name, string value) => "-o " + ShellQuoting.Quote($"{name}=\"{value}\"");
        return $"""
            #!/bin/sh
            # Written by Hyperfleet; rewritten on start. Used by libvirt as qemu+ssh://…?command=<this file>.
            exec ssh -F /dev/null {Option("UserKnownHostsFile", knownHostsPath)} -o GlobalKnownHostsFile=/dev/null \
              -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes {Option("IdentityFile", privateKeyPath)} \
              -o BatchMode=yes -o ConnectTimeout=3 -o ServerAliveInterval=1 -o ServerAliveCountMax=3 "$@"

            """;
    }

    // "ssh-ed25519 AAAA… comment" → "ssh-ed25519 AAAA…": comments have no place in known_hosts.

    private string Ensure()
    {
        Directory.CreateDirectory(directory, OwnerOnlyExecutable);
        // An existing directory keeps its mode on CreateDirectory: tighten it, ssh and admins expect 0700.
        File.SetUnixFileMode(directory, OwnerOnlyExecutable);
        if (File.Exists(privateKeyPath))
        {
            // ssh refuses a private key others can read; a restored backup may have lost the mode.
            File.SetUnixFileMode(privateKeyPath, OwnerOnly);
            if (!File.Exists(privateKeyPath + ".pub"))
            {
                File.WriteAllText(privateKeyPath + ".pub", RunSshKeygen("-y", "-f", privateKeyPath).Trim() + "\n");
            }
            LogLoaded(logger, privateKeyPath);
        }
        else
        {
            Generate();
        }
        if (!File.Exists(knownHostsPath))
        {
            File.WriteAllText(knownHostsPath, "");
        }
        WriteWrapper();
        return File.ReadAllText(privateKeyPath + ".pub").Trim();
    }

    private void Generate()
    {
        // Generate beside the final name and rename the private key last: its existence means "the pair is complete".
        var temp = privateKeyPath + ".new";
        File.Delete(temp);
        File.Delete(temp + ".pub");
        RunSshKeygen("-q", "-t", "ed25519", "-N", "", "-C", "hyperfleet@" + Environment.MachineName, "-f", temp);
        File.SetUnixFileMode(temp, OwnerOnly);
        File.Move(temp + ".pub", privateKeyPath + ".pub", overwrite: true);
        File.Move(temp, privateKeyPath, overwrite: false);
        LogGenerated(logger, privateKeyPath);
    }

    private static string RunSshKeygen(params string[] arguments)
    {
        var info = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("cannot run ssh-keygen");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("cannot run ssh-keygen (install openssh-client): " + e.Message, e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ssh-keygen {string.Join(' ', arguments)} failed: {error.Result.Trim()}");
            }
            return output;
        }
    }

    private void WriteWrapper()
    {
        var script = WrapperScript(privateKeyPath, knownHostsPath);
        if (!File.Exists(sshCommandPath) || File.ReadAllText(sshCommandPath) != script)
        {
            var temp = sshCommandPath + ".tmp";
            File.WriteAllText(temp, script);
            File.SetUnixFileMode(temp, OwnerOnlyExecutable);
            File.Move(temp, sshCommandPath, overwrite: true);
        }
        File.SetUnixFileMode(sshCommandPath, OwnerOnlyExecutable);
    }

    private string Ensured(string path)
    {
        _ = publicKey.Value;
        return path;
    }

    public void Dispose() => writeGate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated the control plane's SSH key pair {PrivateKeyPath}")]
    private static partial void LogGenerated(ILogger logger, string privateKeyPath);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded the control plane's SSH key {PrivateKeyPath}")]
    private static partial void LogLoaded(ILogger logger, string privateKeyPath);
}
