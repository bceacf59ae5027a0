using System.Diagnostics;
using System.Text;
using Hyperfleet.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Ssh;

/// <summary>
/// The control plane's ed25519 key pair in <c>&lt;data dir&gt;/ssh</c>, made with <c>ssh-keygen</c> on first use
/// and reused afterwards, plus Hyperfleet's own known_hosts and an <c>ssh</c> wrapper that uses only them.
/// </summary>
public sealed class ControlPlaneKeys : IControlPlaneKeys, IDisposable
{
    private readonly string directory;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly Lazy<string> publicKey;

    public ControlPlaneKeys(IOptions<HyperfleetOptions> options)
    {
        directory = Path.Combine(Path.GetFullPath(options.Value.DataDir), "ssh");
        PrivateKeyPath = Path.Combine(directory, "id_ed25519");
        KnownHostsPath = Path.Combine(directory, "known_hosts");
        SshCommandPath = Path.Combine(directory, "ssh");
        publicKey = new Lazy<string>(Ensure, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string PrivateKeyPath { get; }

    public string PublicKey => publicKey.Value;

    public string KnownHostsPath { get; }

    public string SshCommandPath { get; }

    public async Task WriteKnownHostsAsync(IEnumerable<SshTarget> pinned, CancellationToken ct)
    {
        _ = PublicKey;
        var text = new StringBuilder();
        foreach (var target in pinned.Where(p => p.PinnedHostKey is not null).OrderBy(p => p.Host, StringComparer.Ordinal).ThenBy(p => p.Port))
        {
            text.Append(KnownHostsName(target.Host, target.Port)).Append(' ').Append(KeyOnly(target.PinnedHostKey!)).Append('\n');
        }
        await writeGate.WaitAsync(ct);
        try
        {
            var temp = KnownHostsPath + ".tmp";
            await File.WriteAllTextAsync(temp, text.ToString(), ct);
            File.Move(temp, KnownHostsPath, overwrite: true);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>The name ssh looks a host up by: <c>[host]:port</c> unless the port is 22.</summary>
    public static string KnownHostsName(string host, int port) => port == 22 ? host : $"[{host.Trim('[', ']')}]:{port}";

    // "ssh-ed25519 AAAA… comment" → "ssh-ed25519 AAAA…": comments have no place in known_hosts.
    private static string KeyOnly(string key) => string.Join(' ', key.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    private string Ensure()
    {
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(PrivateKeyPath))
        {
            Generate();
        }
        if (!File.Exists(KnownHostsPath))
        {
            File.WriteAllText(KnownHostsPath, "");
        }
        WriteWrapper();
        return File.ReadAllText(PrivateKeyPath + ".pub").Trim();
    }

    private void Generate()
    {
        var info = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "hyperfleet@" + Environment.MachineName, "-f", PrivateKeyPath })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot run ssh-keygen (install openssh-client)");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ssh-keygen failed: " + error.Trim());
        }
        File.SetUnixFileMode(PrivateKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void WriteWrapper()
    {
        // libvirt's qemu+ssh ignores known_hosts=; this wrapper (its command= parameter) makes its ssh check
        // exactly Hyperfleet's pins, with Hyperfleet's key only, and fail fast instead of prompting.
        var script = $"""
            #!/bin/sh
            exec ssh -F /dev/null -o UserKnownHostsFile='{KnownHostsPath}' -o GlobalKnownHostsFile=/dev/null \
              -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o IdentityFile='{PrivateKeyPath}' \
              -o BatchMode=yes -o ConnectTimeout=3 -o ServerAliveInterval=1 -o ServerAliveCountMax=3 "$@"

            """;
        if (!File.Exists(SshCommandPath) || File.ReadAllText(SshCommandPath) != script)
        {
            File.WriteAllText(SshCommandPath, script);
        }
        File.SetUnixFileMode(SshCommandPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => writeGate.Dispose();
}
