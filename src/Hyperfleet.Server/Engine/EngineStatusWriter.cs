using System.Globalization;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Engine;

/// <summary>
/// The engine's writes. Each re-reads the row and applies only while the hypervisor is still enabled and
/// not being deleted, so a monitor finishing late can never undo an admin's disable or delete.
/// </summary>
public sealed class EngineStatusWriter(IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider time)
{
    public const string Actor = "engine";

    public Task<bool> OnlineAsync(string id, HypervisorFacts facts, CancellationToken ct) =>
        WriteAsync(id, (db, h) =>
        {
            h.LibvirtVersion = facts.LibvirtVersion;
            h.QemuVersion = facts.QemuVersion;
            h.CpuModel = facts.CpuModel;
            h.CpuThreads = facts.CpuThreads;
            h.MemoryTotalMib = facts.MemoryTotalMib;
            h.KvmAvailable = facts.KvmAvailable;
            h.LastSeen = time.GetUtcNowForStorage();
            HypervisorEvent? evt = null;
            if (h.SshHostKey is not null && facts.HostKey is not null && !Core.Ssh.SshPublicKeyText.SameKey(h.SshHostKey, facts.HostKey))
            {
                // Defence in depth: whatever the connection path, a key other than the pin never makes a host Online.
                return Transition(db, h, HypervisorStatus.Error, "host_key_mismatch",
                    $"presented {HostKeyFingerprint.Sha256(facts.HostKey)}, pinned {HostKeyFingerprint.Sha256(h.SshHostKey)}");
            }
            if (h.SshHostKey is null && facts.HostKey is not null)
            {
                // Trust on first use, and say so where operators look: the pin and its fingerprint are in the history.
                h.SshHostKey = facts.HostKey;
                evt = NewEvent(db, h, "host_key_pinned", null, "first connection: " + HostKeyFingerprint.Sha256(facts.HostKey));
            }
            if (h.Status != HypervisorStatus.Online)
            {
                evt = Transition(db, h, HypervisorStatus.Online, null, Describe(facts));
            }
            return evt;
        }, requireOnline: false, bumpVersion: true, ct);

    public Task<bool> ErrorAsync(string id, string reason, string detail, CancellationToken ct) =>
        WriteAsync(id, (db, h) =>
        {
            if (h.Status == HypervisorStatus.Error && h.StatusReason == reason)
            {
                // Same failure on a retry: keep the newest wording, without a history row per attempt.
                h.StatusDetail = detail;
                return null;
            }
            return Transition(db, h, HypervisorStatus.Error, reason, detail);
        }, requireOnline: false, bumpVersion: true, ct);

    public Task<bool> StatsAsync(string id, HypervisorSample sample, CancellationToken ct) =>
        WriteAsync(id, (_, h) =>
        {
            h.CpuPercent = sample.CpuPercent is { } cpu ? Math.Round(cpu, 1) : null;
            h.MemoryFreeMib = sample.MemoryFreeMib;
            h.MemoryTotalMib = sample.MemoryTotalMib ?? h.MemoryTotalMib;
            h.DesktopsRunning = sample.DesktopsRunning;
            h.StatsAt = time.GetUtcNowForStorage();
            h.LastSeen = h.StatsAt;
            return null;
        }, requireOnline: true, bumpVersion: false, ct);

    private async Task<bool> WriteAsync(string id, Func<HyperfleetDbContext, Hypervisor, HypervisorEvent?> change,
        bool requireOnline, bool bumpVersion, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HyperfleetDbContext>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var h = await db.Hypervisors.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (h is null || !h.Enabled || h.Status == HypervisorStatus.Deleting || (requireOnline && h.Status != HypervisorStatus.Online))
            {
                return false;
            }
            var evt = change(db, h);
            if (bumpVersion)
            {
                // Stats are not what an admin's change is decided on: sampling them (every few seconds per host)
                // must not make every concurrent edit, enable or delete a conflict to retry.
                h.Version++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An admin changed the row meanwhile: read it again and re-decide.
                db.ChangeTracker.Clear();
                continue;
            }
            feed.Publish(new ChangeNotification("hypervisor.changed", h.Id, evt?.ToResponse(), h.ToResponse()));
            return true;
        }
        return false;
    }

    private HypervisorEvent Transition(HyperfleetDbContext db, Hypervisor h, HypervisorStatus to, string? reason, string? detail) =>
        HypervisorHistory.ChangeStatus(db, time, h, to, Actor, "status", reason, detail);

    private HypervisorEvent NewEvent(HyperfleetDbContext db, Hypervisor h, string kind, string? reason, string? detail) =>
        HypervisorHistory.Record(db, time, h, Actor, kind, reason, detail);

    private static string Describe(HypervisorFacts f)
    {
        var parts = new List<string>();
        if (f.LibvirtVersion is not null)
        {
            parts.Add($"libvirt {f.LibvirtVersion}, QEMU {f.QemuVersion}");
        }
        if (f.CpuThreads is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{f.CpuThreads} threads, {f.MemoryTotalMib} MiB"));
        }
        if (f.KvmAvailable is { } kvm)
        {
            parts.Add(kvm ? "KVM" : "no KVM");
        }
        return parts.Count == 0 ? "connected" : "connected: " + string.Join(", ", parts);
    }
}
