using System.Net;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>
/// A desktop has an owner; a plain user sees, starts and stops only their own, another's is 404 (never 403, so ids are not
/// disclosed), and the admin's routes stay the admin's. Admins keep full access. A refusal changes nothing.
/// </summary>
public abstract class DesktopOwnersApiTests(ApiFixture fixture)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<string> NewUserAsync()
    {
        using var admin = fixture.Admin();
        var name = NewId("user");
        await (await admin.PostRawAsync("/api/v1/users", $$"""{"username":"{{name}}","password":"secret-pass-1","role":"user"}"""))
            .OkAsync<Hyperfleet.Contracts.Users.UserResponse>(HttpStatusCode.Created);
        return name;
    }

    private async Task<DesktopResponse> CreateAsync(string template, string? owner)
    {
        using var admin = fixture.Admin();
        var extra = owner is null ? "" : $$""","owner":"{{owner}}" """;
        return await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{NewId("d")}}","template":"{{template}}"{{extra}}}"""))
            .OkAsync<DesktopResponse>(HttpStatusCode.Created);
    }

    private Task<int> SetStatusAsync(string id, string status) =>
        fixture.WithDbAsync(db => db.Desktops.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status)));

    private async Task<string> SnapshotAsync() =>
        string.Join(",", await fixture.WithDbAsync(db => db.Desktops.OrderBy(d => d.Id).Select(d => d.Id + ":" + d.Owner + ":" + d.Status + ":" + d.Version).ToListAsync()))
        + "|" + await fixture.WithDbAsync(db => db.DiskTasks.CountAsync());

    [Fact]
    public async Task Create_OwnerDefaultsToTheCallingAdmin_OrNamesAUser()
    {
        var (_, template) = await fixture.SeedTemplateAsync();
        var ana = await NewUserAsync();
        Assert.Equal("admin", (await CreateAsync(template, owner: null)).Owner);
        Assert.Equal(ana, (await CreateAsync(template, ana)).Owner);
    }

    [Fact]
    public async Task Create_UnknownOwner_ValidationFailedOnOwnerAndNothingStored()
    {
        using var admin = fixture.Admin();
        var (_, template) = await fixture.SeedTemplateAsync();
        var before = await SnapshotAsync();
        var problem = await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{NewId("d")}}","template":"{{template}}","owner":"nobody"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("owner", "user_unknown"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PlainUser_ListAndGet_OnlyTheirOwn_AnothersIsNotFound()
    {
        var (_, template) = await fixture.SeedTemplateAsync();
        var ana = await NewUserAsync();
        var bob = await NewUserAsync();
        var anas = await CreateAsync(template, ana);
        var bobs = await CreateAsync(template, bob);
        var admins = await CreateAsync(template, owner: null);
        using var client = fixture.WithToken(await fixture.TokenAsync(ana, "secret-pass-1"));

        var listed = await (await client.GetAsync("/api/v1/desktops")).OkAsync<List<DesktopResponse>>();
        Assert.Equal([anas.Id], listed.Select(d => d.Id));
        Assert.Equal(anas.Id, (await (await client.GetAsync($"/api/v1/desktops/{anas.Id}")).OkAsync<DesktopResponse>()).Id);
        foreach (var other in new[] { bobs.Id, admins.Id })
        {
            var problem = await (await client.GetAsync($"/api/v1/desktops/{other}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
            Assert.Equal(
                (await (await client.GetAsync("/api/v1/desktops/no-such-desktop")).ProblemAsync(HttpStatusCode.NotFound, "not_found")).GetProperty("title").GetString(),
                problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Admin_SeesAndReachesEveryonesDesktops()
    {
        var (_, template) = await fixture.SeedTemplateAsync();
        var ana = await NewUserAsync();
        var anas = await CreateAsync(template, ana);
        using var admin = fixture.Admin();
        Assert.Contains(await (await admin.GetAsync("/api/v1/desktops")).OkAsync<List<DesktopResponse>>(), d => d.Id == anas.Id);
        Assert.Equal(ana, (await (await admin.GetAsync($"/api/v1/desktops/{anas.Id}")).OkAsync<DesktopResponse>()).Owner);
        await SetStatusAsync(anas.Id, DesktopStatuses.Stopped);
        // No engine in this suite: reaching placement (no hypervisor) shows the admin passed the access rule.
        await (await admin.PostEmptyAsync($"/api/v1/desktops/{anas.Id}/start")).ProblemAsync(HttpStatusCode.Conflict, "no_hypervisor");
    }

    [Fact]
    public async Task PlainUser_StartAndStop_TheirOwnReachTheStatusRules_AnothersIsNotFoundAndUnchanged()
    {
        var (_, template) = await fixture.SeedTemplateAsync();
        var ana = await NewUserAsync();
        var bob = await NewUserAsync();
        var anas = await CreateAsync(template, ana);
        var bobs = await CreateAsync(template, bob);
        await SetStatusAsync(anas.Id, DesktopStatuses.Stopped);
        await SetStatusAsync(bobs.Id, DesktopStatuses.Stopped);
        using var client = fixture.WithToken(await fixture.TokenAsync(ana, "secret-pass-1"));

        // Their own: past the access rule, into start's placement and stop's status rule (no engine here).
        await (await client.PostEmptyAsync($"/api/v1/desktops/{anas.Id}/start")).ProblemAsync(HttpStatusCode.Conflict, "no_hypervisor");
        await (await client.PostEmptyAsync($"/api/v1/desktops/{anas.Id}/stop")).ProblemAsync(HttpStatusCode.Conflict, "desktop_wrong_status");

        var before = await SnapshotAsync();
        await (await client.PostEmptyAsync($"/api/v1/desktops/{bobs.Id}/start")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostEmptyAsync($"/api/v1/desktops/{bobs.Id}/stop")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostEmptyAsync($"/api/v1/desktops/{bobs.Id}/stop?force=true")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PlainUser_AdminDesktopRoutes_ForbiddenAndUnchanged_EvenOnTheirOwn()
    {
        var (_, template) = await fixture.SeedTemplateAsync();
        var ana = await NewUserAsync();
        var anas = await CreateAsync(template, ana);
        await SetStatusAsync(anas.Id, DesktopStatuses.Stopped);
        using var admin = fixture.Admin();
        var hv = NewId("hv");
        await admin.AddAsync(hv);
        using var client = fixture.WithToken(await fixture.TokenAsync(ana, "secret-pass-1"));
        var before = await SnapshotAsync();

        await (await client.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{NewId("d")}}","template":"{{template}}","owner":"{{ana}}"}"""))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.DeleteAsync($"/api/v1/desktops/{anas.Id}")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostRawAsync($"/api/v1/desktops/{anas.Id}/resize", """{"size_gib":40}""")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostRawAsync($"/api/v1/desktops/{anas.Id}/make-template", $$"""{"id":"{{NewId("t")}}"}"""))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostEmptyAsync($"/api/v1/hypervisors/{hv}/stop-desktops")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/v1/events")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(before, await SnapshotAsync());
    }
}

[Collection("sqlite")]
public sealed class DesktopOwnersApiTestsOnSqlite(SqliteApiFixture fixture) : DesktopOwnersApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class DesktopOwnersApiTestsOnPostgres(PostgresApiFixture fixture) : DesktopOwnersApiTests(fixture), IClassFixture<PostgresApiFixture>;
