using System.Net;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Events;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hyperfleet.Server.Tests.Storage.StorageArrange;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>What a finished task does to its owner, in the same transaction. Runs once per database provider.</summary>
public abstract class DiskTaskOwnerTransitionTests(ApiFixture fixture)
{
    private async Task<T> WithWorkerAsync<T>(Hypervisor host, FakeDiskOperations ops, Func<Task<T>> body)
    {
        var worker = await Workers.StartAsync(fixture, ops, Workers.Fast());
        try
        {
            return await body();
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await Workers.RetireAsync(fixture, host.Id);
        }
    }

    private Task<Template?> TemplateRowAsync(string id) => fixture.WithDbAsync(db => db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id));

    private Task<Desktop?> DesktopRowAsync(string id) => fixture.WithDbAsync(db => db.Desktops.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id));

    [Fact]
    public async Task TemplateTasks_DoneIsReady_FailedIsFailedWithTheError_AndTheFeedSaysSo()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var (good, bad) = (await TemplateAsync(fixture, pool, TemplateStatuses.Creating), await TemplateAsync(fixture, pool, TemplateStatuses.Creating));
        using var subscription = fixture.Services.GetRequiredService<ChangeFeed>().Subscribe();
        var ids = (await TasksAsync(fixture, pool, 1, DiskTaskKinds.CreateEmpty, DiskTaskOwnerKinds.Template, good))
            .Concat(await TasksAsync(fixture, pool, 1, DiskTaskKinds.CreateEmpty, DiskTaskOwnerKinds.Template, bad)).ToList();
        var ops = new FakeDiskOperations
        {
            Behaviour = t => Task.FromResult(t.OwnerId == bad
                ? DiskOperationOutcome.Permanent("qemu_img_failed", "qemu-img failed (1): Could not create: Permission denied")
                : DiskOperationOutcome.Done("{}")),
        };
        await WithWorkerAsync(host, ops, async () => { await Workers.FinishedAsync(fixture, ids); return 0; });

        Assert.Equal((TemplateStatuses.Ready, (string?)null), ((await TemplateRowAsync(good))!.Status, (await TemplateRowAsync(good))!.StatusDetail));
        var failed = (await TemplateRowAsync(bad))!;
        Assert.Equal(TemplateStatuses.Failed, failed.Status);
        Assert.Contains("Permission denied", failed.StatusDetail);
        Assert.Equal(DiskTaskStatuses.Failed, (await TaskAsync(fixture, ids[1])).Status);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seen = new List<(string Kind, string? Id)>();
        await foreach (var change in subscription.ReadAllAsync(cts.Token))
        {
            seen.Add((change.Kind, change.ResourceId));
            if (seen.Contains(("template.changed", good)) && seen.Contains(("template.changed", bad)) && seen.Contains(("task.changed", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Import_NotAStandaloneQcow2_IsConvertedIntoTheBasesPath_UnreadableIsFailed()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var (raw, chained, fine, unreadable) = (await TemplateAsync(fixture, pool, TemplateStatuses.Creating), await TemplateAsync(fixture, pool, TemplateStatuses.Creating),
            await TemplateAsync(fixture, pool, TemplateStatuses.Creating), await TemplateAsync(fixture, pool, TemplateStatuses.Creating));
        var answers = new Dictionary<string, string>
        {
            [raw] = """[{"format":"raw","virtual-size":1024}]""",
            [chained] = """[{"format":"qcow2","backing-filename":"/x/y.qcow2"},{"format":"qcow2"}]""",
            [fine] = """[{"format":"qcow2","virtual-size":1024}]""",
            [unreadable] = "qemu-img: Could not open",
        };
        var bases = (await fixture.WithDbAsync(db => db.StoragePools.SingleAsync(p => p.Id == pool))).BasesPath;
        // The raw image was uploaded to media; the chained qcow2 already sits at bases/ID.qcow2, so its copy needs another name.
        await fixture.WithDbAsync(async db =>
        {
            var row = await db.Templates.SingleAsync(t => t.Id == raw);
            row.DiskPath = bases.Replace("/bases", "/media", StringComparison.Ordinal) + $"/{raw}.img";
            return await db.SaveChangesAsync();
        });
        var imported = new Dictionary<string, string>();
        var ids = new List<long>();
        foreach (var t in answers.Keys)
        {
            imported[t] = (await TemplateRowAsync(t))!.DiskPath;
            ids.AddRange(await TasksAsync(fixture, pool, 1, DiskTaskKinds.Info, DiskTaskOwnerKinds.Template, t));
        }
        var converts = new List<DiskTaskArguments>();
        var ops = new FakeDiskOperations
        {
            Behaviour = t =>
            {
                if (t.Kind == DiskTaskKinds.Convert)
                {
                    lock (converts)
                    {
                        converts.Add(DiskTaskQueue.ArgumentsOf(t));
                    }
                    return Task.FromResult(DiskOperationOutcome.Done("{}"));
                }
                return Task.FromResult(DiskOperationOutcome.Done(answers[t.OwnerId!]));
            },
        };
        await WithWorkerAsync(host, ops, async () =>
        {
            await Workers.FinishedAsync(fixture, ids);
            await Eventually.TrueAsync(async () => (await TemplateRowAsync(raw))!.Status != TemplateStatuses.Creating
                && (await TemplateRowAsync(chained))!.Status != TemplateStatuses.Creating, TimeSpan.FromSeconds(20), "conversions finished");
            return 0;
        });

        foreach (var (t, expected) in new[] { (raw, $"{bases}/{raw}.qcow2"), (chained, $"{bases}/{chained}-standalone.qcow2") })
        {
            var row = (await TemplateRowAsync(t))!;
            Assert.Equal((TemplateStatuses.Ready, expected), (row.Status, row.DiskPath));
            Assert.Contains(converts, c => c.Source == imported[t] && c.Path == expected && c.Format == "qcow2");
        }
        Assert.Equal(2, converts.Count);
        Assert.Equal((TemplateStatuses.Ready, imported[fine]), ((await TemplateRowAsync(fine))!.Status, (await TemplateRowAsync(fine))!.DiskPath));
        var failed = (await TemplateRowAsync(unreadable))!;
        Assert.Equal(TemplateStatuses.Failed, failed.Status);
        Assert.Contains("no usable answer", failed.StatusDetail);
    }

    [Fact]
    public async Task DesktopTasks_OverlayDoneIsStopped_FailedIsFailed_DeleteDoneRemovesTheRow()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var template = await TemplateAsync(fixture, pool);
        var made = await DesktopAsync(fixture, pool, template, DesktopStatuses.Creating);
        var broken = await DesktopAsync(fixture, pool, template, DesktopStatuses.Creating);
        var gone = await DesktopAsync(fixture, pool, template, DesktopStatuses.Deleting);
        var ids = new List<long>();
        ids.AddRange(await TasksAsync(fixture, pool, 1, DiskTaskKinds.CreateOverlay, DiskTaskOwnerKinds.Desktop, made));
        ids.AddRange(await TasksAsync(fixture, pool, 1, DiskTaskKinds.CreateOverlay, DiskTaskOwnerKinds.Desktop, broken));
        ids.AddRange(await TasksAsync(fixture, pool, 1, DiskTaskKinds.Delete, DiskTaskOwnerKinds.Desktop, gone));
        var ops = new FakeDiskOperations
        {
            Behaviour = t => Task.FromResult(t.OwnerId == broken ? DiskOperationOutcome.Permanent("qemu_img_failed", "no space left") : DiskOperationOutcome.Done("ok")),
        };
        await WithWorkerAsync(host, ops, async () => { await Workers.FinishedAsync(fixture, ids); return 0; });

        Assert.Equal(DesktopStatuses.Stopped, (await DesktopRowAsync(made))!.Status);
        Assert.Equal((DesktopStatuses.Failed, "no space left"), ((await DesktopRowAsync(broken))!.Status, (await DesktopRowAsync(broken))!.StatusDetail));
        Assert.Null(await DesktopRowAsync(gone));
    }

    [Fact]
    public async Task DesktopResize_DoneOrFailed_StoppedAgain_TheFailureSaysWhy()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var template = await TemplateAsync(fixture, pool);
        var (grown, refused) = (await DesktopAsync(fixture, pool, template, DesktopStatuses.Updating), await DesktopAsync(fixture, pool, template, DesktopStatuses.Updating));
        var ids = new List<long>();
        ids.AddRange(await TasksAsync(fixture, pool, 1, DiskTaskKinds.Resize, DiskTaskOwnerKinds.Desktop, grown));
        ids.AddRange(await TasksAsync(fixture, pool, 1, DiskTaskKinds.Resize, DiskTaskOwnerKinds.Desktop, refused));
        var ops = new FakeDiskOperations
        {
            Behaviour = t => Task.FromResult(t.OwnerId == refused
                ? DiskOperationOutcome.Permanent("shrink_refused", "/x.qcow2 is 42949672960 bytes; shrinking to 1073741824 would lose data")
                : DiskOperationOutcome.Done("{}")),
        };
        await WithWorkerAsync(host, ops, async () => { await Workers.FinishedAsync(fixture, ids); return 0; });

        Assert.Equal((DesktopStatuses.Stopped, (string?)null), ((await DesktopRowAsync(grown))!.Status, (await DesktopRowAsync(grown))!.StatusDetail));
        var kept = (await DesktopRowAsync(refused))!;
        Assert.Equal(DesktopStatuses.Stopped, kept.Status);
        Assert.Contains("would lose data", kept.StatusDetail);
    }

    [Fact]
    public async Task TaskOfADesktop_IsInTheFeedWhenQueuedClaimedAndDone()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var desktop = await DesktopAsync(fixture, pool, await TemplateAsync(fixture, pool));
        using var subscription = fixture.Services.GetRequiredService<ChangeFeed>().Subscribe();
        using (var admin = fixture.Admin())
        {
            (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/resize", """{"size_gib":20}""")).EnsureSuccessStatusCode();
        }
        var id = await fixture.WithDbAsync(db => db.DiskTasks.Where(t => t.OwnerId == desktop).Select(t => t.Id).SingleAsync());
        var ops = new FakeDiskOperations { Behaviour = _ => Task.FromResult(DiskOperationOutcome.Done("{}")) };
        await WithWorkerAsync(host, ops, async () => { await Workers.FinishedAsync(fixture, [id]); return 0; });

        var statuses = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var change in subscription.ReadAllAsync(cts.Token))
        {
            if (change.Kind == "task.changed" && change.ResourceId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                statuses.Add(change.Resource!.Value.GetProperty("status").GetString()!);
                if (statuses[^1] is "done" or "failed")
                {
                    break;
                }
            }
        }
        Assert.Equal(["queued", "running", "done"], statuses);
    }

    [Fact]
    public async Task MakeTemplate_MoveThenOverlay_TemplateReadyAndDesktopStoppedOnTheNewChain()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var baseId = await TemplateAsync(fixture, pool);
        var desktop = await DesktopAsync(fixture, pool, baseId);
        using var admin = fixture.Admin();
        var id = NewId("golden");
        var t = await (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/make-template", $$"""{"template_id":"{{id}}"}"""))
            .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        var ops = new FakeDiskOperations();
        await WithWorkerAsync(host, ops, async () =>
        {
            await Eventually.TrueAsync(async () => (await DesktopRowAsync(desktop))!.Status == DesktopStatuses.Stopped, TimeSpan.FromSeconds(30), "desktop Stopped");
            return 0;
        });
        Assert.Equal(TemplateStatuses.Ready, (await TemplateRowAsync(id))!.Status);
        var kinds = ops.Runs.Where(r => r.TaskId >= t.TaskId).Select(r => r.Kind).ToList();
        Assert.Equal([DiskTaskKinds.Move, DiskTaskKinds.CreateOverlay], kinds);
        var tasks = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().Where(x => x.Id >= t.TaskId && x.PoolId == pool).OrderBy(x => x.Id).ToListAsync());
        Assert.Equal((DiskTaskOwnerKinds.Desktop, desktop, DiskTaskStatuses.Done), (tasks[1].OwnerKind, tasks[1].OwnerId, tasks[1].Status));
        Assert.Equal(t.DiskPath, DiskTaskQueue.ArgumentsOf(tasks[1]).Backing);
        Assert.Equal((await DesktopRowAsync(desktop))!.DiskPath, DiskTaskQueue.ArgumentsOf(tasks[1]).Path);
    }

    [Fact]
    public async Task MakeTemplate_MoveFails_TemplateAndDesktopFailed_NoOverlayQueued()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        var baseId = await TemplateAsync(fixture, pool);
        var desktop = await DesktopAsync(fixture, pool, baseId);
        using var admin = fixture.Admin();
        var id = NewId("golden");
        var t = await (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/make-template", $$"""{"template_id":"{{id}}"}"""))
            .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        var ops = new FakeDiskOperations { Behaviour = _ => Task.FromResult(DiskOperationOutcome.Permanent("image_missing", "neither exists")) };
        await WithWorkerAsync(host, ops, async () => { await Workers.FinishedAsync(fixture, [t.TaskId!.Value]); return 0; });

        Assert.Equal(TemplateStatuses.Failed, (await TemplateRowAsync(id))!.Status);
        var d = (await DesktopRowAsync(desktop))!;
        Assert.Equal(DesktopStatuses.Failed, d.Status);
        Assert.Contains("neither exists", d.StatusDetail);
        Assert.False(await fixture.WithDbAsync(db => db.DiskTasks.AnyAsync(x => x.OwnerKind == DiskTaskOwnerKinds.Desktop && x.OwnerId == desktop)));
    }

    [Fact]
    public async Task TemplateDelete_DoneRemovesTheRow_AfterItsCreateTask()
    {
        var host = Host(NewId("d"));
        var pool = await PoolAsync(fixture, [host], [host.Id]);
        using var admin = fixture.Admin();
        var id = NewId("b");
        var created = await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{id}}","pool":"{{pool}}","size_gib":1}""")).OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        var deleting = await (await admin.DeleteAsync($"/api/v1/templates/{id}")).OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        var ops = new FakeDiskOperations();
        await WithWorkerAsync(host, ops, async () => { await Workers.FinishedAsync(fixture, [created.TaskId!.Value, deleting.TaskId!.Value]); return 0; });

        Assert.Null(await TemplateRowAsync(id));
        // An owner's tasks run in order: the create before the delete.
        Assert.Equal([DiskTaskKinds.CreateEmpty, DiskTaskKinds.Delete], ops.Runs.Where(r => r.TaskId == created.TaskId || r.TaskId == deleting.TaskId).Select(r => r.Kind));
    }
}

[Collection("sqlite")]
public sealed class DiskTaskOwnerTransitionTestsOnSqlite(SqliteApiFixture fixture) : DiskTaskOwnerTransitionTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class DiskTaskOwnerTransitionTestsOnPostgres(PostgresApiFixture fixture) : DiskTaskOwnerTransitionTests(fixture), IClassFixture<PostgresApiFixture>;
