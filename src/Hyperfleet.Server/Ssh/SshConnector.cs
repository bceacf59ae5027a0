using System.Net.Sockets;
using Hyperfleet.Core.Ssh;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Hyperfleet.Server.Ssh;

/// <summary>SSH.NET with the control plane's key, the pinned host key enforced, and failures classified.</summary>
public sealed class SshConnector(IControlPlaneKeys keys) : ISshConnector, IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    // Parsed once: every probe of every hypervisor signs with the same key.
    private readonly Lazy<PrivateKeyFile> key = new(() => new PrivateKeyFile(keys.PrivateKeyPath));

    public void Dispose()
    {
        if (key.IsValueCreated)
        {
            key.Value.Dispose();
        }
    }

    public async Task<SshProbeResult> ProbeAsync(SshTarget target, CancellationToken ct)
    {
        var (client, result) = await ConnectAsync(target, KeyAuth(target.User), ct);
        client?.Dispose();
        return result;
    }

    public async Task<(SshCommandResult? Result, SshProbeResult Login)> RunAsync(SshTarget target, string command, TimeSpan timeout, CancellationToken ct)
    {
        var (client, login) = await ConnectAsync(target, KeyAuth(target.User), ct);
        if (client is null)
        {
            return (null, login);
        }
        using (client)
        {
            return (await ExecuteAsync(client, command, timeout, ct), login);
        }
    }

    internal static async Task<SshCommandResult> ExecuteAsync(SshClient client, string command, TimeSpan timeout, CancellationToken ct)
    {
        using var cmd = client.CreateCommand(command);
        cmd.CommandTimeout = timeout;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        await cmd.ExecuteAsync(limit.Token);
        return new SshCommandResult(cmd.ExitStatus ?? -1, cmd.Result, cmd.Error);
    }

    private PrivateKeyAuthenticationMethod KeyAuth(string user) => new(user, key.Value);

    /// <summary>
    /// Connects and authenticates; on failure returns no client and a classified result. The presented host
    /// key is checked against the pin inside the handshake, so a changed key never gets as far as authentication.
    /// </summary>
    internal static async Task<(SshClient? Client, SshProbeResult Result)> ConnectAsync(SshTarget target, AuthenticationMethod auth, CancellationToken ct)
    {
        var info = new ConnectionInfo(target.Host.Trim('[', ']'), target.Port, target.User, auth) { Timeout = ConnectTimeout };
        var client = new SshClient(info);
        string? presented = null;
        var mismatch = false;
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.HostKeyName + " " + Convert.ToBase64String(e.HostKey);
            mismatch = target.PinnedHostKey is not null && !SameKey(target.PinnedHostKey, presented);
            e.CanTrust = !mismatch;
        };
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(ConnectTimeout + TimeSpan.FromSeconds(2));
            await client.ConnectAsync(limit.Token);
            return (client, new SshProbeResult(true, null, null, presented));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            client.Dispose();
            return (null, Classify(target, e, mismatch, presented));
        }
    }

    internal static SshProbeResult Classify(SshTarget target, Exception e, bool mismatch, string? presented)
    {
        var where = $"{target.User}@{target.Host}:{target.Port}";
        if (mismatch)
        {
            return new SshProbeResult(false, "host_key_mismatch",
                $"{where} presented host key {HostKeyFingerprint.Sha256(presented)}, but {HostKeyFingerprint.Sha256(target.PinnedHostKey)} is pinned: " +
                "re-pin it only if you know why it changed", presented);
        }
        return e switch
        {
            SshAuthenticationException => new SshProbeResult(false, "ssh_auth_failed", $"{where} refused the login: {e.Message}", presented),
            SocketException or SshOperationTimeoutException or OperationCanceledException or TimeoutException =>
                new SshProbeResult(false, "ssh_unreachable", $"cannot reach {target.Host}:{target.Port}: {e.Message}", presented),
            SshConnectionException when presented is null =>
                new SshProbeResult(false, "ssh_unreachable", $"cannot reach {target.Host}:{target.Port}: {e.Message}", presented),
            _ => new SshProbeResult(false, "ssh_error", $"{where}: {e.Message}", presented),
        };
    }

    /// <summary>Same algorithm and key blob; comments do not matter.</summary>
    public static bool SameKey(string a, string b)
    {
        static string Normalize(string key) => string.Join(' ', key.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
        return string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
    }
}
