using Hyperfleet.Libvirt;
using Hyperfleet.Libvirt.Errors;
using Hyperfleet.Libvirt.Events;
using Hyperfleet.Server.Ssh;
using Microsoft.Extensions.Logging;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// Proves a hypervisor usable the way its capabilities need: SSH with the control plane's key and the pinned
/// host key always; then, for desktop hosts, libvirt over <c>qemu+ssh</c> with keepalive and a close callback
/// (a dead host is noticed within seconds, not by slow polling); for pure disk-operations hosts, qemu-img and
/// the storage path over SSH.
/// </summary>
public sealed partial class FleetConnector(
    ISshConnector ssh,
    IControlPlaneKeys keys,
    KnownHostsSync knownHosts,
    EngineSettings settings,
    TimeProvider time,
    ILogger<FleetConnector> logger) : IHypervisorConnector
{
    public async Task<IHypervisorSession> ConnectAsync(HypervisorTarget target, CancellationToken ct)
    {
        var sshTarget = new SshTarget(target.Hostname, target.SshPort, target.SshUser, target.PinnedHostKey);
        var probe = await ssh.ProbeAsync(sshTarget, ct);
        if (!probe.Ok)
        {
            throw new HypervisorUnavailableException(probe.Reason ?? "ssh_error", probe.Detail ?? "SSH login failed");
        }
        // From here on the key this host just presented is the one it must keep presenting (trust on first use).
        sshTarget = sshTarget with { PinnedHostKey = target.PinnedHostKey ?? probe.HostKey };
        if (target.CapDiskOperations)
        {
            await CheckDiskToolsAsync(sshTarget, target.StoragePath, ct);
        }
        if (!target.CapHypervisor)
        {
            return new DiskHostSession(ssh, sshTarget, settings.DiskHostProbeInterval, time,
                new HypervisorFacts(null, null, null, null, null, null, probe.HostKey));
        }
        // ssh (run by libvirt) checks the host key against Hyperfleet's own known_hosts: make sure it holds this host.
        await knownHosts.SyncAsync(sshTarget, ct);
        var uri = LibvirtUri(target);
        LibvirtEventLoop.EnsureStarted();
        LibvirtConnection connection;
        try
        {
            // Keepalive does not cover connecting: a frozen host could hold Open forever, so bound it.
            var opening = Task.Run(() => LibvirtConnection.Open(uri), CancellationToken.None);
            try
            {
                connection = await opening.WaitAsync(settings.ConnectTimeout, ct);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                _ = opening.ContinueWith(t => t.Result.Dispose(), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                if (e is OperationCanceledException)
                {
                    throw;
                }
                throw new HypervisorUnavailableException("libvirt_timeout", $"libvirt did not answer within {settings.ConnectTimeout.TotalSeconds:0} s");
            }
        }
        catch (LibvirtException e)
        {
            throw Classify(e.Message, e);
        }
        try
        {
            connection.SetKeepAlive(settings.KeepAliveIntervalSeconds, settings.KeepAliveCount);
            var facts = await Task.Run(() => ReadFacts(connection, probe.HostKey), ct);
            if (facts.KvmAvailable == false && settings.RequireKvm)
            {
                throw new HypervisorUnavailableException("no_kvm",
                    "libvirt offers no KVM domains on this host (is /dev/kvm usable by QEMU?); desktops would crawl under TCG (Hyperfleet:Engine:RequireKvm=false accepts that)");
            }
            return new LibvirtSession(connection, facts, ssh, sshTarget, logger);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private string LibvirtUri(HypervisorTarget target) =>
        $"qemu+ssh://{Uri.EscapeDataString(target.SshUser)}@{UriHost(target.Hostname)}:{target.SshPort}/system" +
        $"?keyfile={Uri.EscapeDataString(keys.PrivateKeyPath)}&command={Uri.EscapeDataString(keys.SshCommandPath)}&no_tty=1";

    private static string UriHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    private static HypervisorFacts ReadFacts(LibvirtConnection connection, string? hostKey)
    {
        var node = connection.GetNodeInfo();
        var caps = connection.GetCapabilitiesXml();
        return new HypervisorFacts(
            connection.GetLibVersion().ToString(),
            connection.GetHypervisorVersion().ToString(),
            node.CpuModel,
            node.Cpus,
            node.MemoryKiB / 1024,
            caps.Contains("<domain type='kvm'", StringComparison.Ordinal) || caps.Contains("<domain type=\"kvm\"", StringComparison.Ordinal),
            hostKey);
    }

    private async Task CheckDiskToolsAsync(SshTarget target, string storagePath, CancellationToken ct)
    {
        var quoted = "'" + storagePath.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var command = $"command -v qemu-img >/dev/null || {{ echo qemu_img_missing; exit 3; }}; " +
                      $"test -d {quoted} || {{ echo storage_missing; exit 4; }}; test -w {quoted} || {{ echo storage_read_only; exit 5; }}";
        var (result, login) = await ssh.RunAsync(target, command, TimeSpan.FromSeconds(10), ct);
        if (result is null)
        {
            throw new HypervisorUnavailableException(login.Reason ?? "ssh_error", login.Detail ?? "SSH login failed");
        }
        switch (result.ExitStatus)
        {
            case 0:
                return;
            case 3:
                throw new HypervisorUnavailableException("qemu_img_missing", "qemu-img is not installed: this host cannot run disk operations");
            case 4:
                throw new HypervisorUnavailableException("storage_missing", $"storage path {storagePath} does not exist on this host");
            case 5:
                throw new HypervisorUnavailableException("storage_read_only", $"storage path {storagePath} is not writable on this host");
            default:
                throw new HypervisorUnavailableException("ssh_error", $"storage check failed ({result.ExitStatus}): {result.Stderr.Trim()}");
        }
    }

    /// <summary>libvirt reports ssh's own failure text; turn it into the same reasons SSH.NET failures get.</summary>
    internal static HypervisorUnavailableException Classify(string message, Exception? inner = null)
    {
        var reason = message switch
        {
            _ when message.Contains("Host key verification failed", StringComparison.OrdinalIgnoreCase) => "host_key_mismatch",
            _ when message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) => "ssh_auth_failed",
            _ when message.Contains("Connection refused", StringComparison.OrdinalIgnoreCase)
                || message.Contains("No route to host", StringComparison.OrdinalIgnoreCase)
                || message.Contains("timed out", StringComparison.OrdinalIgnoreCase)
                || message.Contains("Could not resolve", StringComparison.OrdinalIgnoreCase) => "ssh_unreachable",
            _ => "libvirt_down",
        };
        return new HypervisorUnavailableException(reason, message.Trim(), inner);
    }
}
