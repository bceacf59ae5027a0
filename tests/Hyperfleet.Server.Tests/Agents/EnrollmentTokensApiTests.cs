using System.Net;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Enrollment;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Agents;

/// <summary>Admins create, list and revoke enrollment tokens; the secret is shown once and stored only as a hash.</summary>
public abstract class EnrollmentTokensApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_ShowsTokenPinAndJoinCommandOnce_ListNeverShowsTheSecret()
    {
        using var admin = fixture.Admin();
        var created = await AgentTestHosts.CreateTokenAsync(admin, """{"ttl_seconds":600,"uses":2,"description":"room 101"}""");
        Assert.True(EnrollmentTokenFormat.IsWellFormed(created.Token));
        Assert.StartsWith(created.Id + ".", created.Token, StringComparison.Ordinal);
        Assert.Equal(EnrollmentTokenStates.Active, created.State);
        Assert.Equal(2, created.UsesAllowed);
        Assert.InRange(created.ExpiresAt - created.CreatedAt, TimeSpan.FromSeconds(599), TimeSpan.FromSeconds(601));
        Assert.StartsWith("sha256:", created.CaPin, StringComparison.Ordinal);
        Assert.Contains($"--token {created.Token}", created.JoinCommand, StringComparison.Ordinal);
        Assert.Contains($"--ca-pin {created.CaPin}", created.JoinCommand, StringComparison.Ordinal);
        Assert.Contains($"--server {fixture.BaseAddress.GetLeftPart(UriPartial.Authority)}", created.JoinCommand, StringComparison.Ordinal);

        var listed = await (await admin.GetAsync("/api/v1/enrollment-tokens")).OkAsync<List<EnrollmentTokenResponse>>();
        var row = Assert.Single(listed, t => t.Id == created.Id);
        Assert.Null(row.Token);
        Assert.Null(row.JoinCommand);
        Assert.Equal("room 101", row.Description);
        var stored = await fixture.WithDbAsync(db => db.EnrollmentTokens.SingleAsync(t => t.Id == created.Id));
        Assert.DoesNotContain(created.Token![7..], stored.TokenHash, StringComparison.Ordinal);

        var revoked = await (await admin.DeleteAsync($"/api/v1/enrollment-tokens/{created.Id}")).OkAsync<EnrollmentTokenResponse>();
        Assert.Equal(EnrollmentTokenStates.Revoked, revoked.State);
        Assert.NotNull(revoked.RevokedAt);
        await (await admin.DeleteAsync("/api/v1/enrollment-tokens/zzzzzz")).ProblemAsync(HttpStatusCode.NotFound, ProblemCodes.NotFound);
    }

    [Fact]
    public async Task Create_WithBadInput_NamesEveryProblemAndStoresNothing()
    {
        using var admin = fixture.Admin();
        var before = await fixture.WithDbAsync(db => db.EnrollmentTokens.CountAsync());
        var problem = await (await admin.PostRawAsync("/api/v1/enrollment-tokens", """{"ttl_seconds":0,"uses":0,"hypervisor":"Not A Slug"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["ttl_out_of_range", "uses_out_of_range"], problem.ErrorCodes().Take(2));
        Assert.Equal(3, problem.ErrorCodes().Count());
        await (await admin.PostRawAsync("/api/v1/enrollment-tokens", """{"ttl_seconds":999999999}""")).ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        await (await admin.PostRawAsync("/api/v1/enrollment-tokens", """{"ttl":"1h"}""")).ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.MalformedJson);
        Assert.Equal(before, await fixture.WithDbAsync(db => db.EnrollmentTokens.CountAsync()));
    }

    [Fact]
    public async Task Tokens_AreForAdminsOnly()
    {
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(AgentTestHosts.NewId("tokuser")));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostRawAsync("/api/v1/enrollment-tokens", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/enrollment-tokens")).StatusCode);
        using var anonymous = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/enrollment-tokens")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class EnrollmentTokensApiTestsOnSqlite(SqliteApiFixture fixture) : EnrollmentTokensApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class EnrollmentTokensApiTestsOnPostgres(PostgresApiFixture fixture) : EnrollmentTokensApiTests(fixture), IClassFixture<PostgresApiFixture>;
