using Hyperfleet.Core.Desktops;
using Hyperfleet.Libvirt;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Engine;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Desktops;

/// <summary>One engine-role server per class; libvirt's test driver plays the hypervisor.</summary>
public sealed class ReconcilerServerFixture() : IAsyncLifetime
{
    public SqliteApiFixture Server { get; } = SqliteApiFixture.With(roles: "api,engine");

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Desktop rows follow what runs on a host: adopted when running (wherever the row said), Stopped when gone, Unknown
/// when the host is lost, Stopped on a lifecycle event. libvirt's test driver stands in for a hypervisor.
/// </summary>
public sealed class DesktopReconcilerTests(ReconcilerServerFixture fixture) : IClassFixture<ReconcilerServerFixture>
{
    private ApiFixture Server => fixture.Server;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string TestDomainXml(string desktopId, int vnc) =>
        $"""
        <domain type='test'><name>{DesktopDomainNames.NameOf(desktopId)}</name><memory>65536</memory><os><type>hvm</type></os>
          <devices>
            <graphics type='vnc' port='{vnc}' autoport='no' listen='127.0.0.1'/>
            <graphics type='spice' port='{vnc + 1}' autoport='no' listen='127.0.0.1'/>
          </devices>
        </domain>
        """;

    private async Task SeedAsync(params (string Id, string Status, string? Host)[] desktops)
    {
        await Server.WithDbAsync(async db =>
        {
            var pool = NewId("pool");
            var template = NewId("tpl");
            db.StoragePools.Add(new StoragePool
            {
                Id = pool, BasesPath = "/b", TemplatesPath = "/t", GroupsPath = "/g", MediaPath = "/m", VolatilePath = "/v",
            });
            db.Templates.Add(new Template { Id = template, Kind = TemplateKinds.Base, DiskPath = "/b/x.qcow2", PoolId = pool, Status = TemplateStatuses.Ready });
            foreach (var (id, status, host) in desktops)
            {
                db.Desktops.Add(new Desktop
                {
                    Id = id, TemplateId = template, PoolId = pool, DiskPath = $"/g/{id}.qcow2", MemoryMib = 64, Vcpus = 1,
                    Status = status, HypervisorId = host, VncPort = host is null ? null : 5990, SpicePort = host is null ? null : 5991,
                });
            }
            return await db.SaveChangesAsync();
        });
    }

    private Task<Desktop> RowAsync(string id) => Server.WithDbAsync(db => db.Desktops.AsNoTracking().SingleAsync(d => d.Id == id));

    private async Task<Desktop> WaitAsync(string id, Func<Desktop, bool> condition, string because)
    {
        Desktop? row = null;
        try
        {
            await Eventually.TrueAsync(async () => condition(row = await RowAsync(id)), TimeSpan.FromSeconds(10), because);
        }
        catch (Xunit.Sdk.FailException)
        {
            // Said after the wait, so the message shows the row as it last was.
            Assert.Fail($"{id}: not {because}; last {row?.Status} on {row?.HypervisorId} ({row?.StatusDetail})");
        }
        return row!;
    }

    private static HypervisorFacts Facts => new("10.0.0", "8.0.0", "test", 2, 8192, false, null);

    [Fact]
    public async Task HostOnline_RunningDomainsAdoptedAndMissingOnesStopped()
    {
        var host = NewId("hv");
        var (runningElsewhere, runningHere, gone, unknownGone) = (NewId("d"), NewId("d"), NewId("d"), NewId("d"));
        await SeedAsync((runningElsewhere, DesktopStatuses.Stopped, "other-host"), (runningHere, DesktopStatuses.Unknown, host),
            (gone, DesktopStatuses.Started, host), (unknownGone, DesktopStatuses.Unknown, host));
        using var libvirt = LibvirtConnection.Open("test:///default");
        libvirt.CreateDomain(TestDomainXml(runningElsewhere, 6100)).Dispose();
        libvirt.CreateDomain(TestDomainXml(runningHere, 6102)).Dispose();
        var connections = Server.Services.GetRequiredService<HypervisorConnections>();
        try
        {
            connections.Attach(host, libvirt, Facts);

            var adopted = await WaitAsync(runningElsewhere, d => d.Status == DesktopStatuses.Started, "adopted");
            Assert.Equal((host, 6100, 6101), (adopted.HypervisorId, adopted.VncPort, adopted.SpicePort));
            Assert.Contains("adopted", adopted.StatusDetail);
            var here = await WaitAsync(runningHere, d => d.Status == DesktopStatuses.Started, "adopted");
            Assert.Equal((6102, 6103), (here.VncPort, here.SpicePort));
            var stopped = await WaitAsync(gone, d => d.Status == DesktopStatuses.Stopped, "Stopped");
            Assert.Null(stopped.VncPort);
            await WaitAsync(unknownGone, d => d.Status == DesktopStatuses.Stopped, "Stopped");

            // Lost: what ran there is Unknown; a destroy seen as a lifecycle event once it is back makes it Stopped.
            connections.Detach(host, libvirt, "libvirt_down", "test");
            var unknown = await WaitAsync(runningHere, d => d.Status == DesktopStatuses.Unknown, "Unknown");
            Assert.Contains("libvirt_down", unknown.StatusDetail);
            connections.Attach(host, libvirt, Facts);
            await WaitAsync(runningHere, d => d.Status == DesktopStatuses.Started, "adopted again");
            using (var domain = libvirt.LookupDomainByName(DesktopDomainNames.NameOf(runningHere)))
            {
                domain.Destroy();
            }
            await WaitAsync(runningHere, d => d.Status == DesktopStatuses.Stopped, "Stopped by the lifecycle event");
        }
        finally
        {
            connections.Detach(host, libvirt, "test_over", "test over");
            foreach (var id in new[] { runningElsewhere, runningHere })
            {
                try
                {
                    using var domain = libvirt.LookupDomainByName(DesktopDomainNames.NameOf(id));
                    domain.Destroy();
                }
                catch (Hyperfleet.Libvirt.Errors.LibvirtException)
                {
                    // Already gone.
                }
            }
        }
    }

    [Fact]
    public async Task SecondCopyOnAnotherHost_WhileItsRecordedHostIsConnected_IsNotAdopted()
    {
        var (recorded, returning) = (NewId("hv"), NewId("hv"));
        var id = NewId("d");
        await SeedAsync((id, DesktopStatuses.Started, recorded));
        // One test driver plays both hosts, so the domain "runs" on each: the host that came back holds a second copy.
        using var libvirt = LibvirtConnection.Open("test:///default");
        libvirt.CreateDomain(TestDomainXml(id, 6110)).Dispose();
        var connections = Server.Services.GetRequiredService<HypervisorConnections>();
        var reconciler = Server.Services.GetRequiredService<Hyperfleet.Server.Desktops.DesktopReconciler>();
        try
        {
            connections.Attach(recorded, libvirt, Facts);
            await WaitAsync(id, d => d.VncPort == 6110, "adopted with its real ports");
            connections.Attach(returning, libvirt, Facts);

            await reconciler.ReconcileHostAsync(connections.Get(recorded)!, CancellationToken.None);
            await reconciler.ReconcileHostAsync(connections.Get(returning)!, CancellationToken.None);

            var row = await RowAsync(id);
            Assert.Equal((DesktopStatuses.Started, recorded), (row.Status, row.HypervisorId));

            // Once its recorded host is gone, the copy that still runs is the desktop (the loop's own pass for the
            // returning host may get there first, before or instead of the Unknown of the lost host).
            connections.Detach(recorded, libvirt, "libvirt_down", "test");
            await reconciler.ReconcileHostAsync(connections.Get(returning)!, CancellationToken.None);
            await WaitAsync(id, d => d.Status == DesktopStatuses.Started && d.HypervisorId == returning, "adopted where it still runs");
        }
        finally
        {
            connections.Detach(recorded, libvirt, "test_over", "test over");
            connections.Detach(returning, libvirt, "test_over", "test over");
            using var domain = libvirt.LookupDomainByName(DesktopDomainNames.NameOf(id));
            domain.Destroy();
        }
    }
}
