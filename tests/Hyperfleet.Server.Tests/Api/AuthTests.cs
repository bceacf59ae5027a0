using System.Net;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>Only admins manage hypervisors; every refusal is a problem with a code.</summary>
public abstract class AuthTests(ApiFixture fixture)
{
    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "/api/v1/hypervisors" },
        { "POST", "/api/v1/hypervisors" },
        { "GET", "/api/v1/hypervisors/x" },
        { "PATCH", "/api/v1/hypervisors/x" },
        { "DELETE", "/api/v1/hypervisors/x" },
        { "POST", "/api/v1/hypervisors/x/enable" },
        { "POST", "/api/v1/hypervisors/x/disable" },
        { "GET", "/api/v1/hypervisors/x/events" },
        { "GET", "/api/v1/hypervisors/x/ports" },
        { "GET", "/api/v1/events" },
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/users" },
        { "DELETE", "/api/v1/users/x" },
        { "POST", "/api/v1/desktops" },
        { "DELETE", "/api/v1/desktops/x" },
        { "POST", "/api/v1/desktops/x/resize" },
        { "POST", "/api/v1/desktops/x/make-template" },
        { "POST", "/api/v1/hypervisors/x/stop-desktops" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_WithoutCredential_Is401(string method, string path)
    {
        using var client = fixture.Anonymous();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_AsNonAdmin_Is403(string method, string path)
    {
        using var client = fixture.WithToken(await fixture.CreateUserTokenAsync("user-" + Guid.NewGuid().ToString("N")[..8]));
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("Bearer hft_not-a-real-token")]
    [InlineData("Bearer garbage")]
    [InlineData("Basic YWRtaW46cGFzcw==")]
    public async Task AdminRoute_WithBadCredential_Is401(string header)
    {
        using var client = fixture.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/hypervisors");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Token_WithWrongPassword_Is401InvalidCredentials()
    {
        using var client = fixture.Anonymous();
        var response = await client.PostRawAsync("/api/v1/auth/token", """{"username":"admin","password":"wrong-password"}""");
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Token_ForUnknownUser_Is401InvalidCredentials()
    {
        using var client = fixture.Anonymous();
        var response = await client.PostRawAsync("/api/v1/auth/token", """{"username":"nobody","password":"whatever1"}""");
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Token_FromAdminPassword_OpensAdminRoutes()
    {
        var token = await fixture.TokenAsync("admin", ApiFixture.AdminPassword);
        using var client = fixture.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hypervisors")).StatusCode);
    }

    [Fact]
    public async Task Tokens_AreStoredOnlyAsHashes()
    {
        var token = await fixture.TokenAsync("admin", ApiFixture.AdminPassword);
        var hashes = await fixture.WithDbAsync(db => Task.FromResult(db.ApiTokens.Select(t => t.TokenHash).ToList()));
        Assert.DoesNotContain(token, hashes);
        Assert.Contains(Hyperfleet.Server.Auth.TokenService.HashToken(token), hashes);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedWithoutCredential()
    {
        using var client = fixture.Anonymous();
        var text = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/hypervisors/{id}/enable", text);
    }
}

[Collection("sqlite")]
public sealed class AuthTestsOnSqlite(SqliteApiFixture fixture) : AuthTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class AuthTestsOnPostgres(PostgresApiFixture fixture) : AuthTests(fixture), IClassFixture<PostgresApiFixture>;
