using System.Net;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Web;

/// <summary>The web UI's cookie session: same tokens as the CLI, HttpOnly + SameSite=Strict, and a CSRF header on writes.</summary>
public abstract class SessionApiTests(ApiFixture fixture)
{
    private async Task<(HttpClient Client, string Cookie)> LoggedInAsync()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.PostRawAsync("/api/v1/auth/login", $$"""{"username":"admin","password":"{{ApiFixture.AdminPassword}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        var cookie = setCookie.Split(';')[0];
        var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return (client, setCookie);
    }

    private static HttpRequestMessage Post(string path, string json, bool csrfHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (csrfHeader)
        {
            request.Headers.Add("X-Hyperfleet-Request", "1");
        }
        return request;
    }

    [Fact]
    public async Task Login_SetsHttpOnlyStrictCookie_NotSecureOverHttp()
    {
        var (client, setCookie) = await LoggedInAsync();
        using (client)
        {
            Assert.StartsWith("hyperfleet_session=hft_", setCookie, StringComparison.Ordinal);
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secure", setCookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Login_WithWrongPassword_Is401InvalidCredentials()
    {
        using var client = fixture.Anonymous();
        var response = await client.PostRawAsync("/api/v1/auth/login", """{"username":"admin","password":"nope-nope"}""");
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Cookie_OpensAdminReadsAndTheEventStream()
    {
        var (client, _) = await LoggedInAsync();
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hypervisors")).StatusCode);
            var me = await (await client.GetAsync("/api/v1/auth/me")).Content.ReadAsStringAsync();
            Assert.Contains("\"username\":\"admin\"", me, StringComparison.Ordinal);
            using var stream = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        }
    }

    [Fact]
    public async Task CookieWrite_WithoutCsrfHeader_Is403Csrf_AndChangesNothing()
    {
        var (client, _) = await LoggedInAsync();
        using (client)
        {
            var response = await client.SendAsync(Post("/api/v1/hypervisors", """{"id":"csrf-victim","hostname":"10.9.0.1"}""", csrfHeader: false));
            await response.ProblemAsync(HttpStatusCode.Forbidden, "csrf");
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/hypervisors/csrf-victim")).StatusCode);
        }
    }

    [Fact]
    public async Task CookieWrite_WithCsrfHeader_Works()
    {
        var (client, _) = await LoggedInAsync();
        using (client)
        {
            var id = "cookie-" + Guid.NewGuid().ToString("N")[..8];
            var response = await client.SendAsync(Post("/api/v1/hypervisors", $$"""{"id":"{{id}}","hostname":"10.9.0.2"}""", csrfHeader: true));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task BearerWrite_NeedsNoCsrfHeader()
    {
        using var client = fixture.Admin();
        var id = "bearer-" + Guid.NewGuid().ToString("N")[..8];
        await client.AddAsync(id, "10.9.0.3");
    }

    [Fact]
    public async Task Logout_RevokesTheSessionToken()
    {
        var (client, _) = await LoggedInAsync();
        using (client)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Post("/api/v1/auth/logout", "", csrfHeader: false))).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Post("/api/v1/auth/logout", "", csrfHeader: true))).StatusCode);
            await (await client.GetAsync("/api/v1/hypervisors")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }
    }

    [Fact]
    public async Task Cookie_OfAPlainUser_Is403Forbidden()
    {
        using var anonymous = fixture.Anonymous();
        var name = "webuser2-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.CreateUserTokenAsync(name);
        var response = await anonymous.PostRawAsync("/api/v1/auth/login", $$"""{"username":"{{name}}","password":"user-password-1"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        await (await client.GetAsync("/api/v1/hypervisors")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task InvalidCookie_Is401Unauthenticated()
    {
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", "hyperfleet_session=hft_forged");
        await (await client.GetAsync("/api/v1/hypervisors")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}

[Collection("sqlite")]
public sealed class SessionApiTestsOnSqlite(SqliteApiFixture fixture) : SessionApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class SessionApiTestsOnPostgres(PostgresApiFixture fixture) : SessionApiTests(fixture), IClassFixture<PostgresApiFixture>;
