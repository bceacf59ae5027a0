using System.Net;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using static Hyperfleet.Server.Tests.Storage.StorageArrange;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>Bases, templates and make-template through the API (no workers run here: the queued tasks are checked).</summary>
public abstract class TemplatesApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_EmptyBase_IsCreatingWithACreateEmptyTaskInTheBasesDir()
    {
        using var admin = fixture.Admin();
        var id = NewId("base");
        var t = await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{id}}","name":"Debian","size_gib":3}"""))
            .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        Assert.Equal(("base", "default", "Creating", 2048, 2), (t.Kind, t.Pool, t.Status, t.MemoryMib, t.Vcpus));
        Assert.Equal($"/opt/isard/bases/{id}.qcow2", t.DiskPath);

        var task = await (await admin.GetAsync($"/api/v1/tasks/{t.TaskId}")).OkAsync<DiskTaskResponse>();
        Assert.Equal(("create_empty", "queued", "template", id), (task.Kind, task.Status, task.OwnerKind, task.OwnerId));
        Assert.Equal(3L * 1024 * 1024 * 1024, task.Arguments.GetProperty("size_bytes").GetInt64());
        Assert.Equal(t.DiskPath, task.Arguments.GetProperty("path").GetString());
        Assert.Equal(t, await (await admin.GetAsync($"/api/v1/templates/{id}")).OkAsync<TemplateResponse>());
    }

    [Fact]
    public async Task Create_FromReadyBase_IsAnOverlayInTheTemplatesDirOfThePool()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [], []);
        var baseId = await TemplateAsync(fixture, pool);
        var id = NewId("tpl");
        var t = await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{id}}","parent":"{{baseId}}","vcpus":4}"""))
            .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        Assert.Equal(("template", pool, baseId, 4, 2048), (t.Kind, t.Pool, t.Parent, t.Vcpus, t.MemoryMib));
        Assert.Equal($"/srv/{pool}/templates/{id}.qcow2", t.DiskPath);
        var task = await (await admin.GetAsync($"/api/v1/tasks/{t.TaskId}")).OkAsync<DiskTaskResponse>();
        Assert.Equal("create_overlay", task.Kind);
        Assert.Equal($"/srv/{pool}/bases/{baseId}.qcow2", task.Arguments.GetProperty("backing").GetString());
    }

    [Fact]
    public async Task Create_Import_QueuesAnInfoTaskOnThatFile()
    {
        using var admin = fixture.Admin();
        var id = NewId("imp");
        var t = await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{id}}","import_path":"/opt/isard/bases/win11.qcow2"}"""))
            .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        Assert.Equal("/opt/isard/bases/win11.qcow2", t.DiskPath);
        Assert.Equal("info", (await (await admin.GetAsync($"/api/v1/tasks/{t.TaskId}")).OkAsync<DiskTaskResponse>()).Kind);
    }

    public static TheoryData<string, string, string> InvalidCreates => new()
    {
        { """{"id":"x1"}""", "size_gib", "form_missing" },
        { """{"id":"x1","size_gib":2,"parent":"p"}""", "parent", "form_conflict" },
        { """{"id":"x1","size_gib":0}""", "size_gib", "size_out_of_range" },
        { """{"id":"x1","size_gib":70000}""", "size_gib", "size_out_of_range" },
        { """{"id":"X 1","size_gib":2}""", "id", "id_invalid" },
        { """{"id":"x1","size_gib":2,"pool":"ghost"}""", "pool", "pool_unknown" },
        { """{"id":"x1","parent":"ghost"}""", "parent", "parent_unknown" },
        { """{"id":"x1","import_path":"/etc/shadow"}""", "import_path", "path_outside_mountpoint" },
        { """{"id":"x1","import_path":"/opt/isard/../etc/x.qcow2"}""", "import_path", "path_not_normalised" },
        { """{"id":"x1","import_path":"bases/x.qcow2"}""", "import_path", "path_not_absolute" },
        { """{"id":"x1","size_gib":2,"memory_mib":16}""", "memory_mib", "memory_out_of_range" },
        { """{"id":"x1","size_gib":2,"vcpus":0}""", "vcpus", "vcpus_out_of_range" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Create_Invalid_Is422WithTheFieldAndChangesNothing(string body, string field, string code)
    {
        using var admin = fixture.Admin();
        var before = await SnapshotAsync(fixture);
        var problem = await (await admin.PostRawAsync("/api/v1/templates", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
        Assert.Equal(before, await SnapshotAsync(fixture));
    }

    [Fact]
    public async Task Create_FromParentNotReady_Is422()
    {
        using var admin = fixture.Admin();
        var parent = await TemplateAsync(fixture, StoragePoolDefaults.DefaultPoolId, TemplateStatuses.Creating);
        var problem = await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{NewId("t")}}","parent":"{{parent}}"}"""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("parent_not_ready", problem.ErrorCodes());
    }

    [Fact]
    public async Task Create_ExistingId_Is409()
    {
        using var admin = fixture.Admin();
        var existing = await TemplateAsync(fixture, StoragePoolDefaults.DefaultPoolId);
        await (await admin.PostRawAsync("/api/v1/templates", $$"""{"id":"{{existing}}","size_gib":1}""")).ProblemAsync(HttpStatusCode.Conflict, "already_exists");
    }

    [Fact]
    public async Task Delete_InUseByDesktopOrChild_Is409_ElseDeletingWithADeleteTask()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [], []);
        var baseId = await TemplateAsync(fixture, pool);
        var child = await TemplateAsync(fixture, pool, parent: baseId);
        var desktop = await DesktopAsync(fixture, pool, child);

        await (await admin.DeleteAsync($"/api/v1/templates/{baseId}")).ProblemAsync(HttpStatusCode.Conflict, "template_in_use");
        await (await admin.DeleteAsync($"/api/v1/templates/{child}")).ProblemAsync(HttpStatusCode.Conflict, "template_in_use");
        await fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == desktop).ExecuteDeleteAsync());

        var deleting = await (await admin.DeleteAsync($"/api/v1/templates/{child}")).OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        Assert.Equal("Deleting", deleting.Status);
        var task = await (await admin.GetAsync($"/api/v1/tasks/{deleting.TaskId}")).OkAsync<DiskTaskResponse>();
        Assert.Equal(("delete", $"/srv/{pool}/templates/{child}.qcow2"), (task.Kind, task.Arguments.GetProperty("path").GetString()));
        var again = await (await admin.DeleteAsync($"/api/v1/templates/{child}")).OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        Assert.Equal(deleting.TaskId, again.TaskId);
        await (await admin.DeleteAsync("/api/v1/templates/ghost")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task MakeTemplate_StoppedDesktop_MovesItsDiskThenGivesItANewOverlay()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [], []);
        var baseId = await TemplateAsync(fixture, pool);
        var desktop = await DesktopAsync(fixture, pool, baseId);
        var id = NewId("golden");

        var t = await (await admin.PostRawAsync($"/api/v1/desktops/{desktop}/make-template", $$"""{"template_id":"{{id}}","name":"Golden"}"""))
            .OkAsync<TemplateResponse>(HttpStatusCode.Accepted);
        Assert.Equal(("template", baseId, "Creating", $"/srv/{pool}/templates/{id}.qcow2"), (t.Kind, t.Parent, t.Status, t.DiskPath));
        var move = await (await admin.GetAsync($"/api/v1/tasks/{t.TaskId}")).OkAsync<DiskTaskResponse>();
        Assert.Equal("move", move.Kind);
        Assert.Equal($"/srv/{pool}/groups/{desktop}.qcow2", move.Arguments.GetProperty("source").GetString());
        Assert.Equal(t.DiskPath, move.Arguments.GetProperty("path").GetString());
        var then = move.Arguments.GetProperty("then");
        Assert.Equal("create_overlay", then.GetProperty("kind").GetString());
        Assert.Equal(t.DiskPath, then.GetProperty("arguments").GetProperty("backing").GetString());

        var row = await fixture.WithDbAsync(db => db.Desktops.AsNoTracking().SingleAsync(d => d.Id == desktop));
        Assert.Equal((id, DesktopStatuses.Creating, $"/srv/{pool}/groups/{desktop}.{id}.qcow2"), (row.TemplateId, row.Status, row.DiskPath));
        Assert.Equal(row.DiskPath, then.GetProperty("arguments").GetProperty("path").GetString());
    }

    [Fact]
    public async Task MakeTemplate_DesktopNotStopped_Is409_UnknownIs404_BadIdIs422()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [], []);
        var baseId = await TemplateAsync(fixture, pool);
        var started = await DesktopAsync(fixture, pool, baseId, DesktopStatuses.Started);
        var before = await SnapshotAsync(fixture);
        await (await admin.PostRawAsync($"/api/v1/desktops/{started}/make-template", $$"""{"template_id":"{{NewId("t")}}"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, "desktop_not_stopped");
        await (await admin.PostRawAsync("/api/v1/desktops/ghost/make-template", """{"template_id":"t1"}""")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostRawAsync($"/api/v1/desktops/{started}/make-template", """{"template_id":"T 1"}"""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(before, await SnapshotAsync(fixture));
    }

    [Fact]
    public async Task Tasks_ListFiltersByStatus_BadStatusIs422_UnknownIs404()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [], []);
        var ids = await TasksAsync(fixture, pool, 2);
        var queued = await (await admin.GetAsync("/api/v1/tasks?status=queued&limit=1000")).OkAsync<List<DiskTaskResponse>>();
        Assert.True(ids.All(id => queued.Any(t => t.Id == id)));
        Assert.All(queued, t => Assert.Equal("queued", t.Status));
        Assert.DoesNotContain(await (await admin.GetAsync("/api/v1/tasks?status=done")).OkAsync<List<DiskTaskResponse>>(), t => ids.Contains(t.Id));
        Assert.Single(await (await admin.GetAsync("/api/v1/tasks?limit=1")).OkAsync<List<DiskTaskResponse>>());
        await (await admin.GetAsync("/api/v1/tasks?status=lost")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        await (await admin.GetAsync("/api/v1/tasks/999999999")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}

[Collection("sqlite")]
public sealed class TemplatesApiTestsOnSqlite(SqliteApiFixture fixture) : TemplatesApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class TemplatesApiTestsOnPostgres(PostgresApiFixture fixture) : TemplatesApiTests(fixture), IClassFixture<PostgresApiFixture>;
