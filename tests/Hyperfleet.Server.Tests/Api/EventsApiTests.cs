using System.Text.Json;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Api;

/// <summary><c>GET /api/v1/events</c> pushes every change as it is committed.</summary>
public abstract class EventsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Stream_SeesAddEnableAndForceDeleteInOrder()
    {
        using var admin = fixture.Admin();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/events"),
            HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var id = "sse-" + Guid.NewGuid().ToString("N")[..8];
        await admin.AddAsync(id);
        await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable");
        await admin.DeleteAsync($"/api/v1/hypervisors/{id}?force=true");

        var seen = new List<(string Type, ChangeNotification Change)>();
        string? type = null;
        while (seen.Count(s => s.Change.HypervisorId == id) < 3)
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var change = JsonSerializer.Deserialize<ChangeNotification>(line["data: ".Length..], ApiJson.Options)!;
                seen.Add((type!, change));
            }
        }
        var mine = seen.Where(s => s.Change.HypervisorId == id).ToList();
        Assert.Equal(["added", "enabled", "deleted"], mine.Select(s => s.Change.Event!.Kind));
        Assert.Equal(["hypervisor.changed", "hypervisor.changed", "hypervisor.removed"], mine.Select(s => s.Type));
        Assert.True(mine[1].Change.Hypervisor!.Enabled);
        Assert.Null(mine[2].Change.Hypervisor);
    }
}

[Collection("sqlite")]
public sealed class EventsApiTestsOnSqlite(SqliteApiFixture fixture) : EventsApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class EventsApiTestsOnPostgres(PostgresApiFixture fixture) : EventsApiTests(fixture), IClassFixture<PostgresApiFixture>;
