using System.Net;
using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using static Hyperfleet.Server.Tests.Storage.StorageArrange;

namespace Hyperfleet.Server.Tests.Storage;

/// <summary>Storage pools through the API; runs once per database provider.</summary>
public abstract class PoolsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task FirstStart_DefaultPoolAtOptIsard_AndNewHypervisorsJoinIt()
    {
        using var admin = fixture.Admin();
        var id = NewId("hv");
        await admin.AddAsync(id, "hv.example.org");

        var pool = await (await admin.GetAsync("/api/v1/pools/default")).OkAsync<PoolResponse>();
        Assert.Equal("/opt/isard", pool.Mountpoint);
        Assert.Equal(new PoolPaths("/opt/isard/bases", "/opt/isard/templates", "/opt/isard/groups", "/opt/isard/media", "/opt/isard/volatile"), pool.Paths);
        Assert.Contains(id, pool.Hypervisors);
    }

    [Fact]
    public async Task AddEditDelete_PoolWithDefaults_RoundTrips()
    {
        using var admin = fixture.Admin();
        var hv = NewId("hv");
        await admin.AddAsync(hv, "hv.example.org");
        var id = NewId("p");
        var added = await (await admin.PostRawAsync("/api/v1/pools", $$"""{"id":"{{id}}","mountpoint":"/mnt/nfs1","hypervisors":["{{hv}}"]}"""))
            .OkAsync<PoolResponse>(HttpStatusCode.Created);
        Assert.Equal(id, added.Name);
        Assert.Equal("/mnt/nfs1/groups", added.Paths.Groups);
        Assert.Equal([hv], added.Hypervisors);

        var edited = await (await admin.PatchRawAsync($"/api/v1/pools/{id}", """{"name":"NFS one","mountpoint":"/mnt/nfs2","paths":{"media":"/mnt/nfs2/iso"},"hypervisors":[]}"""))
            .OkAsync<PoolResponse>();
        Assert.Equal("NFS one", edited.Name);
        Assert.Equal("/mnt/nfs2/bases", edited.Paths.Bases);
        Assert.Equal("/mnt/nfs2/iso", edited.Paths.Media);
        Assert.Empty(edited.Hypervisors);
        Assert.Contains(await (await admin.GetAsync("/api/v1/pools")).OkAsync<List<PoolResponse>>(), p => p.Id == id && p.Name == "NFS one" && p.Paths == edited.Paths);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/pools/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/v1/pools/{id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("""{"id":"Bad_Id"}""", "id", "id_invalid")]
    [InlineData("""{"id":"p1","mountpoint":"opt/isard"}""", "mountpoint", "path_not_absolute")]
    [InlineData("""{"id":"p1","mountpoint":"/opt/../isard"}""", "mountpoint", "path_not_normalised")]
    [InlineData("""{"id":"p1","mountpoint":"/opt/isard/"}""", "mountpoint", "path_not_normalised")]
    [InlineData("""{"id":"p1","paths":{"bases":"/opt/isard/x/../../etc"}}""", "paths.bases", "path_not_normalised")]
    [InlineData("""{"id":"p1","paths":{"groups":"/var/lib/groups"}}""", "paths.groups", "path_outside_mountpoint")]
    [InlineData("""{"id":"p1","paths":{"media":"/opt/isard"}}""", "paths.media", "path_outside_mountpoint")]
    [InlineData("""{"id":"p1","paths":{"media":"/opt/isard/bases"}}""", "paths.media", "path_duplicate")]
    [InlineData("""{"id":"p1","hypervisors":["no-such-hv"]}""", "hypervisors", "hypervisor_unknown")]
    public async Task Add_InvalidField_Is422WithTheFieldAndChangesNothing(string body, string field, string code)
    {
        using var admin = fixture.Admin();
        var before = await SnapshotAsync(fixture);
        var problem = await (await admin.PostRawAsync("/api/v1/pools", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
        Assert.Equal(before, await SnapshotAsync(fixture));
    }

    [Fact]
    public async Task Add_SeveralInvalidFields_ReportsEveryOne()
    {
        using var admin = fixture.Admin();
        var problem = await (await admin.PostRawAsync("/api/v1/pools", """{"id":"-x","mountpoint":"rel","hypervisors":["ghost"]}"""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["id_invalid", "path_not_absolute", "hypervisor_unknown"], problem.ErrorCodes());
    }

    [Theory]
    [InlineData("""{"id":"p1","mountpoint":5}""")]
    [InlineData("""{"id":"p1","colour":"blue"}""")]
    [InlineData("""{"id":"p1",""")]
    public async Task Add_MalformedOrUnknownField_Is400MalformedJson(string body)
    {
        using var admin = fixture.Admin();
        await (await admin.PostRawAsync("/api/v1/pools", body)).ProblemAsync(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task Add_ExistingId_Is409()
    {
        using var admin = fixture.Admin();
        await (await admin.PostRawAsync("/api/v1/pools", """{"id":"default"}""")).ProblemAsync(HttpStatusCode.Conflict, "already_exists");
    }

    [Fact]
    public async Task Edit_UnknownHypervisor_Is422AndKeepsMembers()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [Host(NewId("hv"))], []);
        var before = await SnapshotAsync(fixture);
        await (await admin.PatchRawAsync($"/api/v1/pools/{pool}", """{"hypervisors":["ghost"]}""")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(before, await SnapshotAsync(fixture));
    }

    [Fact]
    public async Task DeleteOrMove_PoolInUse_Is409()
    {
        using var admin = fixture.Admin();
        var pool = await PoolAsync(fixture, [], []);
        await TemplateAsync(fixture, pool);
        await (await admin.DeleteAsync($"/api/v1/pools/{pool}")).ProblemAsync(HttpStatusCode.Conflict, "pool_in_use");
        await (await admin.PatchRawAsync($"/api/v1/pools/{pool}", """{"mountpoint":"/elsewhere"}""")).ProblemAsync(HttpStatusCode.Conflict, "pool_in_use");
        var renamed = await (await admin.PatchRawAsync($"/api/v1/pools/{pool}", """{"name":"still fine"}""")).OkAsync<PoolResponse>();
        Assert.Equal("still fine", renamed.Name);
    }

    [Fact]
    public async Task Delete_DefaultPool_Is409()
    {
        using var admin = fixture.Admin();
        await (await admin.DeleteAsync($"/api/v1/pools/{StoragePoolDefaults.DefaultPoolId}")).ProblemAsync(HttpStatusCode.Conflict, "pool_in_use");
    }

    [Fact]
    public async Task Check_MembersThatCannotRunDiskOperations_AreSkippedWithTheReason()
    {
        using var admin = fixture.Admin();
        var pure = Host(NewId("hyper"), hypervisor: true, disk: false);
        var offline = Host(NewId("off"), status: Hyperfleet.Contracts.Hypervisors.HypervisorStatus.Offline);
        var pool = await PoolAsync(fixture, [pure, offline], [pure.Id, offline.Id]);

        var check = await (await admin.PostEmptyAsync($"/api/v1/pools/{pool}/check")).OkAsync<PoolCheckResponse>();
        Assert.False(check.Ok);
        Assert.Equal(new[] { offline.Id, pure.Id }.Order(), check.Hosts.Select(h => h.HypervisorId).Order());
        Assert.All(check.Hosts, h => Assert.False(h.Checked));
        Assert.Equal("not_disk_capable", check.Hosts.Single(h => h.HypervisorId == pure.Id).Reason);
        Assert.Equal("not_online", check.Hosts.Single(h => h.HypervisorId == offline.Id).Reason);
        await (await admin.PostEmptyAsync("/api/v1/pools/nope/check")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Routes_NonAdmin_Is403()
    {
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(NewId("u")));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/pools")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/tasks")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class PoolsApiTestsOnSqlite(SqliteApiFixture fixture) : PoolsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class PoolsApiTestsOnPostgres(PostgresApiFixture fixture) : PoolsApiTests(fixture), IClassFixture<PostgresApiFixture>;
