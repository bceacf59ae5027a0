using System.Net;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Web;

/// <summary>The UI's files are embedded and served without credentials, with a strict content security policy.</summary>
[Collection("sqlite")]
public sealed class WebUiTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/hypervisors.js", "text/javascript")]
    public async Task StaticFile_IsServedAnonymously_WithSecurityHeaders(string path, string mediaType)
    {
        using var client = fixture.Anonymous();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Index_LoadsOnlyLocalScripts()
    {
        using var client = fixture.Anonymous();
        var html = await client.GetStringAsync("/");
        Assert.Contains("<script type=\"module\" src=\"app.js\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_IsStillAProblem()
    {
        using var client = fixture.Anonymous();
        await (await client.GetAsync("/no-such-file.js")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
