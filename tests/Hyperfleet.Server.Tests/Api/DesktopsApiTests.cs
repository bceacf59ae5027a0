using System.Net;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Storage;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>Desktop routes without an engine: validation, status rules and their stable codes; a refusal changes nothing.</summary>
public abstract class DesktopsApiTests(ApiFixture fixture)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private Task<(string Pool, string Template)> SeedTemplateAsync(string status = TemplateStatuses.Ready) => fixture.SeedTemplateAsync(status);

    private static async Task<DesktopResponse> CreateAsync(HttpClient admin, string id, string template, string extra = "") =>
        await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{id}}","template":"{{template}}"{{extra}}}"""))
            .OkAsync<DesktopResponse>(HttpStatusCode.Created);

    private Task<int> SetStatusAsync(string id, string status, string? hypervisor = null) =>
        fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status).SetProperty(d => d.HypervisorId, hypervisor).SetProperty(d => d.Version, d => d.Version + 1)));

    private async Task<(int Desktops, int Tasks, string States)> SnapshotAsync() => (
        await fixture.WithDbAsync(db => db.Desktops.CountAsync()),
        await fixture.WithDbAsync(db => db.DiskTasks.CountAsync()),
        string.Join(",", await fixture.WithDbAsync(db => db.Desktops.OrderBy(d => d.Id).Select(d => d.Id + ":" + d.Status + ":" + d.Version).ToListAsync())));

    [Fact]
    public async Task Create_ReadyTemplate_CreatingWithItsOverlayTaskInOneGo()
    {
        using var admin = fixture.Admin();
        var (pool, template) = await SeedTemplateAsync();
        var id = NewId("d");
        var d = await CreateAsync(admin, id, template, ""","name":"Lab <1>","vcpus":2,"vlan":100""");

        Assert.Equal(DesktopStatuses.Creating, d.Status);
        Assert.Equal($"/opt/isard/{pool}/groups/{id}.qcow2", d.DiskPath);
        Assert.Equal((512, 2, "Lab <1>", pool), (d.MemoryMib, d.Vcpus, d.Name, d.Pool));
        Assert.Null(d.Hypervisor);
        Assert.Equal(100, d.Vlan);
        var task = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().SingleAsync(t => t.OwnerId == id));
        Assert.Equal((DiskTaskKinds.CreateOverlay, "desktop", pool), (task.Kind, task.OwnerKind, task.PoolId));
        var args = DiskTaskQueue.ArgumentsOf(task);
        Assert.Equal((d.DiskPath, $"/opt/isard/{pool}/templates/{template}.qcow2"), (args.Path, args.Backing));

        Assert.Equal(d, await (await admin.GetAsync($"/api/v1/desktops/{id}")).OkAsync<DesktopResponse>());
        Assert.Contains(await (await admin.GetAsync("/api/v1/desktops")).OkAsync<List<DesktopResponse>>(), x => x.Id == id);
    }

    [Theory]
    [InlineData("""{"id":"Bad_Id","template":"TEMPLATE"}""", "id_invalid")]
    [InlineData("""{"id":"ok-1"}""", "required")]
    [InlineData("""{"id":"ok-1","template":"nope"}""", "template_not_found")]
    [InlineData("""{"id":"ok-1","template":"TEMPLATE","memory_mib":1}""", "memory_out_of_range")]
    [InlineData("""{"id":"ok-1","template":"TEMPLATE","vcpus":0}""", "vcpus_out_of_range")]
    [InlineData("""{"id":"ok-1","template":"TEMPLATE","forced_hypervisor":"nope"}""", "hypervisor_not_found")]
    [InlineData("""{"id":"ok-1","template":"TEMPLATE","favourite_hypervisor":"nope"}""", "hypervisor_not_found")]
    [InlineData("""{"id":"ok-1","template":"TEMPLATE","vlan":0}""", "vlan_invalid")]
    [InlineData("""{"id":"ok-1","template":"TEMPLATE","vlan":4095}""", "vlan_invalid")]
    public async Task Create_InvalidField_ValidationFailedAndNothingStored(string body, string fieldCode)
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var before = await SnapshotAsync();
        var problem = await (await admin.PostRawAsync("/api/v1/desktops", body.Replace("TEMPLATE", template, StringComparison.Ordinal)))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(fieldCode, problem.ErrorCodes());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"id":"x","template":"t","gpu":true}""")]
    [InlineData("""{"id":"x","template":"t","memory_mib":"lots"}""")]
    [InlineData("""not json""")]
    public async Task Create_MalformedOrUnknownField_MalformedJson(string body)
    {
        using var admin = fixture.Admin();
        var before = await SnapshotAsync();
        await (await admin.PostRawAsync("/api/v1/desktops", body)).ProblemAsync(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Create_TemplateNotReadyOrIdTaken_ConflictAndNothingStored()
    {
        using var admin = fixture.Admin();
        var (_, creating) = await SeedTemplateAsync(TemplateStatuses.Creating);
        var before = await SnapshotAsync();
        await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"d-x","template":"{{creating}}"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.TemplateNotReady);
        Assert.Equal(before, await SnapshotAsync());

        var (_, ready) = await SeedTemplateAsync();
        var id = NewId("d");
        await CreateAsync(admin, id, ready);
        before = await SnapshotAsync();
        await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{id}}","template":"{{ready}}"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, "already_exists");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData(DesktopStatuses.Creating, "start")]
    [InlineData(DesktopStatuses.Started, "start")]
    [InlineData(DesktopStatuses.Deleting, "start")]
    [InlineData(DesktopStatuses.Stopped, "stop")]
    [InlineData(DesktopStatuses.Creating, "stop")]
    [InlineData(DesktopStatuses.Starting, "stop")]
    public async Task StartOrStop_WrongStatus_ConflictAndUnchanged(string status, string verb)
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var id = NewId("d");
        await CreateAsync(admin, id, template);
        await SetStatusAsync(id, status, status == DesktopStatuses.Creating ? null : "hv-somewhere");
        var before = await SnapshotAsync();
        var problem = await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/{verb}")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
        Assert.Contains(status, problem.GetProperty("title").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Start_NoHypervisorCanTakeIt_NoHypervisorWithEveryHostsReason()
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var hv = NewId("hv");
        await admin.AddAsync(hv, "10.0.0.9");
        var id = NewId("d");
        await CreateAsync(admin, id, template);
        await SetStatusAsync(id, DesktopStatuses.Stopped);
        var before = await SnapshotAsync();

        var problem = await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.NoHypervisor);
        Assert.Contains(id, problem.GetProperty("detail").GetString());
        var refusals = problem.GetProperty("refusals").EnumerateArray().ToList();
        Assert.Contains(refusals, r => r.GetProperty("hypervisor").GetString() == hv && r.GetProperty("reason").GetString() == "offline");
        Assert.Equal(before, await SnapshotAsync());

        // Forced onto a host that cannot take it: only that host is explained.
        await fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ForcedHypervisorId, hv)));
        problem = await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.NoHypervisor);
        Assert.Equal(hv, Assert.Single(problem.GetProperty("refusals").EnumerateArray()).GetProperty("hypervisor").GetString());
    }

    [Fact]
    public async Task Stop_StartedOnHostNotConnected_HypervisorNotConnected()
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var id = NewId("d");
        await CreateAsync(admin, id, template);
        await SetStatusAsync(id, DesktopStatuses.Started, "hv-gone");
        var before = await SnapshotAsync();
        await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/stop?force=true")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.HypervisorNotConnected);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Delete_RunningRefused_StoppedDeletingWithItsDeleteTask()
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var id = NewId("d");
        var created = await CreateAsync(admin, id, template);
        await SetStatusAsync(id, DesktopStatuses.Started, "hv-x");
        var before = await SnapshotAsync();
        await (await admin.DeleteAsync($"/api/v1/desktops/{id}")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
        Assert.Equal(before, await SnapshotAsync());

        await SetStatusAsync(id, DesktopStatuses.Stopped, "hv-x");
        var deleting = await (await admin.DeleteAsync($"/api/v1/desktops/{id}")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);
        Assert.Equal(DesktopStatuses.Deleting, deleting.Status);
        var task = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().SingleAsync(t => t.OwnerId == id && t.Kind == DiskTaskKinds.Delete));
        Assert.Equal(created.DiskPath, DiskTaskQueue.ArgumentsOf(task).Path);
    }

    [Theory]
    [InlineData("""{}""", "validation_failed", "required")]
    [InlineData("""{"size_gib":0}""", "validation_failed", "size_out_of_range")]
    [InlineData("""{"size_gib":65537}""", "validation_failed", "size_out_of_range")]
    [InlineData("""{"size_gib":"big"}""", "malformed_json", null)]
    [InlineData("""{"size_gib":20,"shrink":true}""", "malformed_json", null)]
    public async Task Resize_BadBody_RefusedAndUnchanged(string body, string code, string? fieldCode)
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var id = NewId("d");
        await CreateAsync(admin, id, template);
        await SetStatusAsync(id, DesktopStatuses.Stopped);
        var before = await SnapshotAsync();
        var problem = await (await admin.PostRawAsync($"/api/v1/desktops/{id}/resize", body)).ProblemAsync(HttpStatusCode.BadRequest, code);
        if (fieldCode is not null)
        {
            Assert.Contains(fieldCode, problem.ErrorCodes());
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Resize_OnlyWhenStopped_ThenUpdatingWithItsResizeTask()
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var id = NewId("d");
        var created = await CreateAsync(admin, id, template);
        foreach (var status in new[] { DesktopStatuses.Creating, DesktopStatuses.Started, DesktopStatuses.Failed })
        {
            await SetStatusAsync(id, status, "hv-x");
            var before = await SnapshotAsync();
            await (await admin.PostRawAsync($"/api/v1/desktops/{id}/resize", """{"size_gib":40}"""))
                .ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
            Assert.Equal(before, await SnapshotAsync());
        }
        await (await admin.PostRawAsync("/api/v1/desktops/nope/resize", """{"size_gib":40}""")).ProblemAsync(HttpStatusCode.NotFound, "not_found");

        await SetStatusAsync(id, DesktopStatuses.Stopped, "hv-x");
        var updating = await (await admin.PostRawAsync($"/api/v1/desktops/{id}/resize", """{"size_gib":40}""")).OkAsync<DesktopResponse>(HttpStatusCode.Accepted);

        Assert.Equal(DesktopStatuses.Updating, updating.Status);
        var task = await fixture.WithDbAsync(db => db.DiskTasks.AsNoTracking().SingleAsync(t => t.OwnerId == id && t.Kind == DiskTaskKinds.Resize));
        Assert.Equal((created.DiskPath, 40L << 30), (DiskTaskQueue.ArgumentsOf(task).Path, DiskTaskQueue.ArgumentsOf(task).SizeBytes));
        // Updating blocks what needs the disk: start, delete, another resize.
        await (await admin.PostEmptyAsync($"/api/v1/desktops/{id}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
        await (await admin.DeleteAsync($"/api/v1/desktops/{id}")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
        await (await admin.PostRawAsync($"/api/v1/desktops/{id}/resize", """{"size_gib":50}"""))
            .ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.DesktopWrongStatus);
        Assert.Equal(1, await fixture.WithDbAsync(db => db.DiskTasks.CountAsync(t => t.OwnerId == id && t.Kind == DiskTaskKinds.Resize)));
    }

    [Fact]
    public async Task ForceDeletingTheirHypervisor_StopsTheDesktopsRecordedRunningThere_OnlyThose()
    {
        using var admin = fixture.Admin();
        var (_, template) = await SeedTemplateAsync();
        var (hv, other) = (NewId("hv"), NewId("hv"));
        await admin.AddAsync(hv);
        var (running, unknown, stopped, elsewhere) = (NewId("d"), NewId("d"), NewId("d"), NewId("d"));
        foreach (var (id, status, host) in new[] { (running, DesktopStatuses.Started, hv), (unknown, DesktopStatuses.Unknown, hv),
                     (stopped, DesktopStatuses.Stopped, hv), (elsewhere, DesktopStatuses.Started, other) })
        {
            await CreateAsync(admin, id, template);
            await SetStatusAsync(id, status, host);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/hypervisors/{hv}?force=true")).StatusCode);

        foreach (var id in new[] { running, unknown })
        {
            var d = await (await admin.GetAsync($"/api/v1/desktops/{id}")).OkAsync<DesktopResponse>();
            Assert.Equal(DesktopStatuses.Stopped, d.Status);
            Assert.Contains($"{hv} was force deleted", d.StatusDetail);
            Assert.Null(d.VncPort);
        }
        Assert.Null((await (await admin.GetAsync($"/api/v1/desktops/{stopped}")).OkAsync<DesktopResponse>()).StatusDetail);
        Assert.Equal(DesktopStatuses.Started, (await (await admin.GetAsync($"/api/v1/desktops/{elsewhere}")).OkAsync<DesktopResponse>()).Status);
        // Released: it may start again (here no host can take it, which is another answer than "wrong status").
        await (await admin.PostEmptyAsync($"/api/v1/desktops/{running}/start")).ProblemAsync(HttpStatusCode.Conflict, DesktopProblemCodes.NoHypervisor);
    }

    [Fact]
    public async Task Delete_ManyAtOnce_ExactlyOneWins()
    {
        var (_, template) = await SeedTemplateAsync();
        var id = NewId("d");
        using (var admin = fixture.Admin())
        {
            await CreateAsync(admin, id, template);
        }
        await SetStatusAsync(id, DesktopStatuses.Stopped);
        var clients = Enumerable.Range(0, 6).Select(_ => fixture.Admin()).ToList();
        var answers = await Task.WhenAll(clients.Select(c => c.DeleteAsync($"/api/v1/desktops/{id}")));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.DiskTasks.CountAsync(t => t.OwnerId == id && t.Kind == DiskTaskKinds.Delete)));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task UnknownDesktopOrHypervisor_NotFound()
    {
        using var admin = fixture.Admin();
        await (await admin.GetAsync("/api/v1/desktops/nope")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostEmptyAsync("/api/v1/desktops/nope/start")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostEmptyAsync("/api/v1/desktops/nope/stop")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.DeleteAsync("/api/v1/desktops/nope")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostEmptyAsync("/api/v1/hypervisors/nope/stop-desktops")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task StopDesktops_NothingThere_EmptyAnswer()
    {
        using var admin = fixture.Admin();
        var hv = NewId("hv");
        await admin.AddAsync(hv);
        var answer = await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{hv}/stop-desktops")).OkAsync<StopDesktopsResponse>(HttpStatusCode.Accepted);
        Assert.Equal(new StopDesktopsResponse(hv, [], []), answer with { Stopping = [], Skipped = [] });
        Assert.Empty(answer.Stopping);
    }

    [Fact]
    public async Task Desktops_WithoutAdmin_Refused()
    {
        using var anonymous = fixture.Anonymous();
        await (await anonymous.GetAsync("/api/v1/desktops")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await anonymous.PostEmptyAsync("/api/v1/hypervisors/x/stop-desktops")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}

[Collection("sqlite")]
public sealed class DesktopsApiTestsOnSqlite(SqliteApiFixture fixture) : DesktopsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class DesktopsApiTestsOnPostgres(PostgresApiFixture fixture) : DesktopsApiTests(fixture), IClassFixture<PostgresApiFixture>;
