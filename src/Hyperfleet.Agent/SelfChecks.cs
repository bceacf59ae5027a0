using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Libvirt;
using Hyperfleet.Libvirt.Domains;
using Hyperfleet.Libvirt.Errors;

namespace Hyperfleet.Agent;

/// <summary>
/// What the host proves about itself before it enables itself, and again in every heartbeat: that it can do the work its
/// capabilities promise. Each check answers in seconds and never throws: a failure is a result with its reason.
/// </summary>
public sealed class SelfChecks(AgentSettings settings, TimeProvider time)
{
    private static readonly TimeSpan LibvirtTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QemuImgTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// With <paramref name="testDomain"/>, creates and destroys a paused, diskless transient domain: libvirtd answers and
    /// QEMU starts (before enabling). Without, only that libvirtd answers (the periodic re-check: no QEMU every minute).
    /// </summary>
    public async Task<AgentCheck> LibvirtAsync(bool testDomain, CancellationToken ct)
    {
        var name = "hyperfleet-agent-check-" + Guid.NewGuid().ToString("N")[..8];
        var watch = Stopwatch.StartNew();
        var work = Task.Run(() =>
        {
            using var connection = LibvirtConnection.Open(settings.LibvirtUri);
            var version = connection.GetHypervisorVersion();
            if (!testDomain)
            {
                var domains = connection.ListAllDomains(ListAllDomainsFlags.Active);
                foreach (var running in domains)
                {
                    running.Dispose();
                }
                return (version, domains.Count);
            }
            using var domain = connection.CreateDomain(TestDomainXml(name), DomainCreateFlags.Paused | DomainCreateFlags.AutoDestroy);
            domain.Destroy();
            return (version, -1);
        }, CancellationToken.None);
        try
        {
            var (version, running) = await work.WaitAsync(LibvirtTimeout, ct);
            var proof = testDomain ? $"created and destroyed test domain {name}" : $"answers, {running} domain(s) running";
            return new AgentCheck(AgentCheckNames.Libvirt, true, string.Create(CultureInfo.InvariantCulture,
                $"libvirtd at {settings.LibvirtUri} {proof} (QEMU {version}) in {watch.ElapsedMilliseconds} ms"));
        }
        catch (TimeoutException)
        {
            return new AgentCheck(AgentCheckNames.Libvirt, false, $"libvirtd at {settings.LibvirtUri} did not answer within {LibvirtTimeout.TotalSeconds:0} s");
        }
        catch (LibvirtException e)
        {
            return new AgentCheck(AgentCheckNames.Libvirt, false, $"libvirtd at {settings.LibvirtUri}: {e.Message}");
        }
    }

    /// <summary>qemu-img makes (and the agent removes) a small qcow2 image in every pool's mountpoint.</summary>
    public async Task<AgentCheck> StorageAsync(IReadOnlyList<AgentStoragePool> pools, CancellationToken ct)
    {
        if (pools.Count == 0)
        {
            return new AgentCheck(AgentCheckNames.Storage, false, "this host is in no storage pool: a disk host needs at least one");
        }
        var proofs = new List<string>();
        foreach (var pool in pools)
        {
            if (!Directory.Exists(pool.Mountpoint))
            {
                return new AgentCheck(AgentCheckNames.Storage, false, $"pool {pool.Id}: {pool.Mountpoint} does not exist (is it mounted?)");
            }
            var image = Path.Combine(pool.Mountpoint, $".hyperfleet-agent-check-{settings.HypervisorId}-{Guid.NewGuid():N}.qcow2");
            try
            {
                var (exit, output) = await RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", image, "1M"], ct);
                if (exit != 0)
                {
                    return new AgentCheck(AgentCheckNames.Storage, false, $"pool {pool.Id}: qemu-img cannot write in {pool.Mountpoint}: {output}");
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return new AgentCheck(AgentCheckNames.Storage, false, "qemu-img is not installed (Debian: apt install qemu-utils)");
            }
            finally
            {
                File.Delete(image);
            }
            proofs.Add($"{pool.Id} ({pool.Mountpoint})");
        }
        return new AgentCheck(AgentCheckNames.Storage, true, "qemu-img wrote a qcow2 image in " + string.Join(", ", proofs));
    }

    /// <summary>The pinned CA (and the host's proxy certificate) are within their validity now.</summary>
    public AgentCheck Certificates(X509Certificate2? ca, X509Certificate2? proxy)
    {
        var now = time.GetUtcNow();
        foreach (var (what, certificate) in new[] { ("the control plane's CA", ca), ("the video proxy's certificate", proxy) })
        {
            if (certificate is null)
            {
                continue;
            }
            if (certificate.NotBefore.ToUniversalTime() > now || certificate.NotAfter.ToUniversalTime() <= now)
            {
                return new AgentCheck(AgentCheckNames.Certificates, false, $"{what} is valid {certificate.NotBefore:u} – {certificate.NotAfter:u}, not now");
            }
        }
        return ca is null
            ? new AgentCheck(AgentCheckNames.Certificates, false, "no pinned CA")
            : new AgentCheck(AgentCheckNames.Certificates, true, $"CA valid until {ca.NotAfter.ToUniversalTime():u}" +
                (proxy is null ? "" : $", video proxy certificate until {proxy.NotAfter.ToUniversalTime():u}"));
    }

    private static string TestDomainXml(string name)
    {
        var type = KvmUsable() ? "kvm" : "qemu";
        return $"""
            <domain type='{type}'>
              <name>{name}</name>
              <memory unit='MiB'>32</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
              <devices><memballoon model='none'/></devices>
            </domain>
            """;
    }

    private static bool KvmUsable()
    {
        try
        {
            using var kvm = File.Open("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(QemuImgTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} did not finish within {QemuImgTimeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, ((await stderr) + (await stdout)).Trim());
    }
}
