using System.Globalization;
using System.Net.Sockets;
using Hyperfleet.Core.Ssh;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Hyperfleet.Server.Ssh;

/// <summary>SSH.NET with the control plane's key, the pinned host key enforced, and failures classified.</summary>
public sealed class SshConnector(IControlPlaneKeys keys) : ISshConnector, IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    // Parsed once: every probe of every hypervisor signs with the same key. Reading PublicKey first makes
    // sure the pair exists (it is generated on first use), whichever caller comes first.
    private readonly Lazy<PrivateKeyFile> key = new(() =>
    {
        _ = keys.PublicKey;
        return new PrivateKeyFile(keys.PrivateKeyPath);
    });

    public void Dispose()
    {
        if (key.IsValueCreated)
        {
            key.Value.Dispose();
        }
    }

    public async Task<SshProbeResult> ProbeAsync(SshTarget target, CancellationToken ct)
    {
        using var auth = KeyAuth(target.User);
        var (client, result) = await ConnectAsync(target, [auth], ct);
        client?.Dispose();
        return result;
    }

    public async Task<(SshCommandResult? Result, SshProbeResult Login)> RunAsync(SshTarget target, string command, TimeSpan timeout, CancellationToken ct)
    {
        using var auth = KeyAuth(target.User);
        var (client, login) = await ConnectAsync(target, [auth], ct);
        if (client is null)
        {
            return (null, login);
        }
        using (client)
        {
            var (result, failure) = await TryExecuteAsync(client, target, command, timeout, ct);
            return result is null ? (null, failure! with { HostKey = login.HostKey }) : (result, login);
        }
    }

    /// <summary>
    /// Runs one command on a connected client. A timeout or a connection lost mid-command is a failed result
    /// (<c>ssh_error</c> / <c>ssh_unreachable</c>), not an exception; only the caller's cancellation throws.
    /// </summary>
    internal static async Task<(SshCommandResult? Result, SshProbeResult? Failure)> TryExecuteAsync(
        SshClient client, SshTarget target, string command, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            using var cmd = client.CreateCommand(command);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            await cmd.ExecuteAsync(limit.Token);
            return (new SshCommandResult(cmd.ExitStatus ?? -1, cmd.Result, cmd.Error), null);
        }
        catch (Exception e) when (e is OperationCanceledException or SshOperationTimeoutException && !ct.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return (null, new SshProbeResult(false, "ssh_error",
                $"{Where(target)}: the command did not finish within {seconds} s", null));
        }
        catch (Exception e) when (e is SshConnectionException or SocketException or ObjectDisposedException)
        {
            return (null, new SshProbeResult(false, "ssh_unreachable",
                $"lost the connection to {target.Host}:{target.Port} while running a command: {e.Message}", null));
        }
        catch (SshException e)
        {
            return (null, new SshProbeResult(false, "ssh_error", $"{Where(target)}: {e.Message}", null));
        }
    }

    private PrivateKeyAuthenticationMethod KeyAuth(string user) => new(user, key.Value);

    /// <summary>
    /// Connects and authenticates; on failure returns no client and a classified result. The presented host
    /// key is checked against the pin inside the handshake, so a changed key never gets as far as authentication.
    /// </summary>
    internal static async Task<(SshClient? Client, SshProbeResult Result)> ConnectAsync(SshTarget target, AuthenticationMethod[] auth, CancellationToken ct)
    {
        var info = new ConnectionInfo(target.Host.Trim('[', ']'), target.Port, target.User, auth) { Timeout = ConnectTimeout };
        var client = new SshClient(info);
        string? presented = null;
        var mismatch = false;
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.HostKeyName + " " + Convert.ToBase64String(e.HostKey);
            mismatch = target.PinnedHostKey is not null && !SshPublicKeyText.SameKey(target.PinnedHostKey, presented);
            e.CanTrust = !mismatch;
        };
        try
        {
            // ConnectionInfo.Timeout bounds each step; this bounds the whole handshake (a host that accepts
            // TCP and then says nothing must still fail in seconds).
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

    /// <summary>Turns a failed connect into a status reason code and a message that names the host.</summary>
    public static SshProbeResult Classify(SshTarget target, Exception e, bool mismatch, string? presented)
    {
        if (mismatch)
        {
            return new SshProbeResult(false, "host_key_mismatch",
                $"{Where(target)} presented host key {HostKeyFingerprint.Sha256(presented)}, but {HostKeyFingerprint.Sha256(target.PinnedHostKey)} is pinned: " +
                "re-pin it only if you know why it changed", presented);
        }
        var unreachable = $"cannot reach {target.Host}:{target.Port}: {e.Message}";
        return e switch
        {
            SshAuthenticationException => new SshProbeResult(false, "ssh_auth_failed", $"{Where(target)} refused the login: {e.Message}", presented),
            SocketException or SshOperationTimeoutException or OperationCanceledException or TimeoutException =>
                new SshProbeResult(false, "ssh_unreachable", unreachable, presented),
            // Closed before the key exchange finished (sshd dying, MaxStartups, a proxy): nothing proved it is an SSH server.
            SshConnectionException when presented is null => new SshProbeResult(false, "ssh_unreachable", unreachable, presented),
            _ => new SshProbeResult(false, "ssh_error", $"{Where(target)}: {e.Message}", presented),
        };
    }

    private static string Where(SshTarget target) => $"{target.User}@{target.Host}:{target.Port}";
}
