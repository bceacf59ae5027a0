using System.Net;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Web;

/// <summary><c>GET /api/v1/events/recent</c>: the fleet's newest events, for the UI's Events page.</summary>
public abstract class RecentEventsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Recent_ListsNewestFirst_AcrossHypervisors()
    {
        using var client = fixture.Admin();
        var a = "rec-a-" + Guid.NewGuid().ToString("N")[..6];
        var b = "rec-b-" + Guid.NewGuid().ToString("N")[..6];
        await client.AddAsync(a, "10.8.0.1");
        await client.AddAsync(b, "10.8.0.2");
        var events = await (await client.GetAsync("/api/v1/events/recent?limit=2")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Equal([b, a], events.Select(e => e.HypervisorId));
        Assert.True(events[0].Id > events[1].Id);
    }

    [Fact]
    public async Task Recent_FiltersByHypervisor()
    {
        using var client = fixture.Admin();
        var id = "rec-f-" + Guid.NewGuid().ToString("N")[..6];
        await client.AddAsync(id, "10.8.0.3");
        await client.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await client.AddAsync("rec-other-" + Guid.NewGuid().ToString("N")[..6], "10.8.0.4");
        var events = await (await client.GetAsync($"/api/v1/events/recent?hypervisor={id}")).OkAsync<List<HypervisorEventResponse>>();
        Assert.Equal(["enabled", "added"], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Recent_WithoutCredential_Is401()
    {
        using var client = fixture.Anonymous();
        await (await client.GetAsync("/api/v1/events/recent")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Recent_AsNonAdmin_Is403()
    {
        using var client = fixture.WithToken(await fixture.CreateUserTokenAsync("rec-user-" + Guid.NewGuid().ToString("N")[..6]));
        await (await client.GetAsync("/api/v1/events/recent")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

[Collection("sqlite")]
public sealed class RecentEventsApiTestsOnSqlite(SqliteApiFixture fixture) : RecentEventsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class RecentEventsApiTestsOnPostgres(PostgresApiFixture fixture) : RecentEventsApiTests(fixture), IClassFixture<PostgresApiFixture>;
