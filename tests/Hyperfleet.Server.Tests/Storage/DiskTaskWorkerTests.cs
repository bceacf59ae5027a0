using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using static Hyperfleet.Server.Tests.Storage.StorageArrange;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>The queue under concurrent workers: claims, host choice, leases, retries. Runs once per database provider.</summary>
public abstract class DiskTaskWorkerTests(ApiFixture fixture)
{
    [Fact]
    public async Task Claim_ManyClaimersRacing_EachTaskIsClaimedOnce()
    {
        var (a, b) = (Host(NewId("d")), Host(NewId("d")));
        var pool = await PoolAsync(fixture, [a, b], [a.Id, b.Id]);
        var ids = await TasksAsync(fixture, pool, 6);
        var settings = Workers.Fast();
        try
        {
            // Separate claimers are separate replicas: nothing in-process serialises them, only the database.
            var claimed = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Workers.Claims(fixture, settings).ClaimAsync($"racer-{i}", CancellationToken.None)));
            var won = claimed.Where(c => c is not null).Select(c => c!.Value.Task.Id).ToList();
            Assert.Equal(won.Count, won.Distinct().Count());
            Assert.Equal(ids.Order(), won.Where(ids.Contains).Order());
            var rows = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync());
            Assert.All(rows, t => Assert.Equal((DiskTaskStatuses.Running, 1), (t.Status, t.Attempts)));
            Assert.All(rows, t => Assert.Contains(t.HypervisorId, new[] { a.Id, b.Id }));
        }
        finally
        {
            await Workers.RetireAsync(fixture, a.Id, b.Id);
        }
    }

    [Fact]
    public async Task Workers_TwoReplicasRacing_EachTaskRunsExactlyOnce()
    {
        var (a, b) = (Host(NewId("d")), Host(NewId("d"), hypervisor: true));
        var pool = await PoolAsync(fixture, [a, b], [a.Id, b.Id]);
        var ids = await TasksAsync(fixture, pool, 30);
        var ops = new FakeDiskOperations();
        var settings = Workers.Fast(workers: 4);
        var one = await Workers.StartAsync(fixture, ops, settings);
        var two = await Workers.StartAsync(fixture, ops, settings);
        try
        {
            await Workers.FinishedAsync(fixture, ids);
        }
        finally
        {
            await one.StopAsync(CancellationToken.None);
            await two.StopAsync(CancellationToken.None);
            await Workers.RetireAsync(fixture, a.Id, b.Id);
        }
        Assert.All(ids, id => Assert.Equal(1, ops.RunsOf(id)));
        var rows = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync());
        Assert.All(rows, t => Assert.Equal((DiskTaskStatuses.Done, 1, "ok"), (t.Status, t.Attempts, t.Result)));
        Assert.All(rows, t => Assert.NotNull(t.FinishedAt));
    }

    [Fact]
    public async Task HostChoice_OnlyUsableDiskCapableMembers_NeverAPureHypervisor()
    {
        var pure = Host(NewId("hyper"), hypervisor: true, disk: false);
        var offline = Host(NewId("off"), status: HypervisorStatus.Error);
        var disabled = Host(NewId("dis"), enabled: false);
        var outsider = Host(NewId("out"));
        var mixed = Host(NewId("mixed"), hypervisor: true);
        var pool = await PoolAsync(fixture, [pure, offline, disabled, outsider, mixed], [pure.Id, offline.Id, disabled.Id, mixed.Id]);
        var onlyPure = await PoolAsync(fixture, [], [pure.Id]);
        var stranded = await TasksAsync(fixture, onlyPure, 2);
        var ids = await TasksAsync(fixture, pool, 12);
        var ops = new FakeDiskOperations();
        var worker = await Workers.StartAsync(fixture, ops, Workers.Fast());
        try
        {
            await Workers.FinishedAsync(fixture, ids);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await Workers.RetireAsync(fixture, pure.Id, offline.Id, disabled.Id, outsider.Id, mixed.Id);
        }
        Assert.All(ops.Runs.Where(r => ids.Contains(r.TaskId)), r => Assert.Equal(mixed.Id, r.Host));
        var rows = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().Where(t => ids.Contains(t.Id) || stranded.Contains(t.Id)).ToListAsync());
        Assert.All(rows.Where(t => ids.Contains(t.Id)), t => Assert.Equal(mixed.Id, t.HypervisorId));
        // A pool reached only by a pure hypervisor has nowhere to run disk work: its tasks wait, unclaimed.
        Assert.All(rows.Where(t => stranded.Contains(t.Id)), t => Assert.Equal((DiskTaskStatuses.Queued, 0, (string?)null), (t.Status, t.Attempts, t.HypervisorId)));
    }

    [Fact]
    public async Task HostChoice_LeastTasksInFlight()
    {
        var (a, b) = (Host("a" + NewId("d")), Host("b" + NewId("d")));
        var pool = await PoolAsync(fixture, [a, b], [a.Id, b.Id]);
        var ids = await TasksAsync(fixture, pool, 5);
        var claims = Workers.Claims(fixture, Workers.Fast());
        try
        {
            var hosts = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                hosts.Add((await claims.ClaimAsync("w", CancellationToken.None))!.Value.Host.Id);
            }
            Assert.Equal([a.Id, b.Id, a.Id], hosts);
            // b finishes nothing, a finishes both: b now has more in flight.
            var completion = Workers.Completion(fixture, Workers.Fast());
            foreach (var id in (await fixture.WithDbAsync(db => db.DiskTasks.Where(t => t.HypervisorId == a.Id && ids.Contains(t.Id)).Select(t => t.Id).ToListAsync())))
            {
                Assert.True(await completion.FinishAsync(id, "w", DiskOperationOutcome.Done("ok"), CancellationToken.None));
            }
            Assert.Equal(a.Id, (await claims.ClaimAsync("w", CancellationToken.None))!.Value.Host.Id);
        }
        finally
        {
            await Workers.RetireAsync(fixture, a.Id, b.Id);
        }
    }

    [Fact]
    public async Task Lease_ExpiredClaimIsRunAgainOnce_AndTheDeadWorkerCannotRecordAnOutcome()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var template = await TemplateAsync(fixture, pool, TemplateStatuses.Creating);
        var id = (await TasksAsync(fixture, pool, 1, DiskTaskKinds.CreateEmpty, DiskTaskOwnerKinds.Template, template,
            _ => new DiskTaskArguments { Path = $"/srv/{pool}/bases/{template}.qcow2", SizeBytes = 1 << 30 })).Single();
        var settings = Workers.Fast(lease: TimeSpan.FromMilliseconds(600));
        // A worker claims the task and dies: no renewal, no outcome.
        var dead = await Workers.Claims(fixture, settings).ClaimAsync("dead", CancellationToken.None);
        Assert.Equal(id, dead!.Value.Task.Id);
        var ops = new FakeDiskOperations();
        var worker = await Workers.StartAsync(fixture, ops, settings);
        try
        {
            await Workers.FinishedAsync(fixture, [id]);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await Workers.RetireAsync(fixture, host.Id);
        }
        Assert.Equal(1, ops.RunsOf(id));
        var task = await TaskAsync(fixture, id);
        Assert.Equal((DiskTaskStatuses.Done, 2), (task.Status, task.Attempts));
        Assert.NotEqual("dead", task.ClaimedBy);

        // The dead worker comes back and reports: ignored, the outcome and the owner stay as the live worker left them.
        Assert.False(await Workers.Completion(fixture, settings).FinishAsync(id, "dead", DiskOperationOutcome.Permanent("qemu_img_failed", "late"), CancellationToken.None));
        Assert.Equal(DiskTaskStatuses.Done, (await TaskAsync(fixture, id)).Status);
        Assert.Equal(TemplateStatuses.Ready, (await fixture.WithDbAsync(db => db.Templates.AsNoTracking().SingleAsync(t => t.Id == template))).Status);
    }

    [Fact]
    public async Task Lease_RenewedWhileRunning_TaskIsNotTakenFromALiveWorker()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var id = (await TasksAsync(fixture, pool, 1)).Single();
        var ops = new FakeDiskOperations { Behaviour = async _ => { await Task.Delay(3000); return DiskOperationOutcome.Done("slow"); } };
        var settings = Workers.Fast(lease: TimeSpan.FromMilliseconds(1200));
        var one = await Workers.StartAsync(fixture, ops, settings);
        var two = await Workers.StartAsync(fixture, ops, settings);
        try
        {
            await Workers.FinishedAsync(fixture, [id]);
        }
        finally
        {
            await one.StopAsync(CancellationToken.None);
            await two.StopAsync(CancellationToken.None);
            await Workers.RetireAsync(fixture, host.Id);
        }
        Assert.Equal(1, ops.RunsOf(id));
        Assert.Equal(1, (await TaskAsync(fixture, id)).Attempts);
    }

    [Fact]
    public async Task Transient_RequeuedWithBackoffAndCounted_ThenFailedAfterMaxAttempts()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var template = await TemplateAsync(fixture, pool, TemplateStatuses.Creating);
        var id = (await TasksAsync(fixture, pool, 1, DiskTaskKinds.Info, DiskTaskOwnerKinds.Template, template)).Single();
        var ops = new FakeDiskOperations { Behaviour = _ => Task.FromResult(DiskOperationOutcome.Transient("ssh_unreachable", "cannot reach it")) };
        // A backoff long enough to see the task waiting between attempts.
        var settings = Workers.Fast(maxAttempts: 3, backoff: TimeSpan.FromMilliseconds(800));
        var worker = await Workers.StartAsync(fixture, ops, settings);
        try
        {
            await Eventually.TrueAsync(async () => (await TaskAsync(fixture, id)) is { Attempts: 1, Status: DiskTaskStatuses.Queued }, because: "requeued once");
            var requeued = await TaskAsync(fixture, id);
            Assert.Equal("cannot reach it", requeued.Error);
            Assert.Null(requeued.ClaimedBy);
            Assert.True(requeued.NotBefore > requeued.StartedAt);
            await Workers.FinishedAsync(fixture, [id]);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await Workers.RetireAsync(fixture, host.Id);
        }
        var failed = await TaskAsync(fixture, id);
        Assert.Equal((DiskTaskStatuses.Failed, 3), (failed.Status, failed.Attempts));
        Assert.StartsWith("gave up after 3 attempts", failed.Error);
        Assert.Equal(3, ops.RunsOf(id));
        var t = await fixture.WithDbAsync(db => db.Templates.AsNoTracking().SingleAsync(x => x.Id == template));
        Assert.Equal(TemplateStatuses.Failed, t.Status);
        Assert.Contains("cannot reach it", t.StatusDetail);
    }
}

[Collection("sqlite")]
public sealed class DiskTaskWorkerTestsOnSqlite(SqliteApiFixture fixture) : DiskTaskWorkerTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class DiskTaskWorkerTestsOnPostgres(PostgresApiFixture fixture) : DiskTaskWorkerTests(fixture), IClassFixture<PostgresApiFixture>;
