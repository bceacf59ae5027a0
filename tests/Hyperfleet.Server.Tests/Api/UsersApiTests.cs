using System.Net;
using Hyperfleet.Contracts.Users;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>Admins manage users: validation with per-field codes, duplicates, and the three delete refusals; a refusal changes nothing.</summary>
public abstract class UsersApiTests(ApiFixture fixture)
{
    private static string NewName(string prefix = "u") => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task<UserResponse> CreateAsync(HttpClient admin, string username, string role = "user", string password = "secret-pass-1") =>
        await (await admin.PostRawAsync("/api/v1/users", $$"""{"username":"{{username}}","password":"{{password}}","role":"{{role}}"}"""))
            .OkAsync<UserResponse>(HttpStatusCode.Created);

    /// <summary>Every user row and token, to assert a refusal changed nothing.</summary>
    private async Task<string> SnapshotAsync() =>
        string.Join(",", await fixture.WithDbAsync(db => db.Users.OrderBy(u => u.Username).Select(u => u.Username + ":" + u.Role + ":" + u.PasswordHash).ToListAsync()))
        + "|" + await fixture.WithDbAsync(db => db.ApiTokens.CountAsync())
        + "|" + await fixture.WithDbAsync(db => db.Desktops.CountAsync());

    [Fact]
    public async Task Create_ThenListAndLogIn_WithRoleAndHashedPassword()
    {
        using var admin = fixture.Admin();
        var name = NewName("ana.l_");
        var created = await CreateAsync(admin, name);
        Assert.Equal((name, "user", 0), (created.Username, created.Role, created.Desktops));

        var listed = await (await admin.GetAsync("/api/v1/users")).OkAsync<List<UserResponse>>();
        Assert.Equal(created, listed.Single(u => u.Username == name));
        Assert.Contains(listed, u => u is { Username: "admin", Role: "admin" });
        var hash = await fixture.WithDbAsync(db => db.Users.Where(u => u.Username == name).Select(u => u.PasswordHash).SingleAsync());
        Assert.StartsWith("pbkdf2-sha256$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pass-1", hash, StringComparison.Ordinal);

        using var user = fixture.WithToken(await fixture.TokenAsync(name, "secret-pass-1"));
        var me = await (await user.GetAsync("/api/v1/auth/me")).OkAsync<Hyperfleet.Server.Web.SessionResponse>();
        Assert.Equal((name, "user"), (me.Username, me.Role));
    }

    [Theory]
    [InlineData("""{"username":"Ana","password":"long-enough","role":"user"}""", "username", "username_invalid")]
    [InlineData("""{"username":"-ana","password":"long-enough","role":"user"}""", "username", "username_invalid")]
    [InlineData("""{"username":"ana lopez","password":"long-enough","role":"user"}""", "username", "username_invalid")]
    [InlineData("""{"username":"","password":"long-enough","role":"user"}""", "username", "username_invalid")]
    [InlineData("""{"username":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","password":"long-enough","role":"user"}""", "username", "username_invalid")]
    [InlineData("""{"username":"ana","password":"short","role":"user"}""", "password", "password_too_short")]
    [InlineData("""{"username":"ana","role":"user"}""", "password", "required")]
    [InlineData("""{"username":"ana","password":"long-enough","role":"root"}""", "role", "role_invalid")]
    [InlineData("""{"username":"ana","password":"long-enough"}""", "role", "role_invalid")]
    public async Task Create_InvalidField_ValidationFailedWithFieldAndNothingStored(string body, string field, string code)
    {
        using var admin = fixture.Admin();
        var before = await SnapshotAsync();
        var problem = await (await admin.PostRawAsync("/api/v1/users", body)).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((field, code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Create_EveryFieldInvalid_ReportsEach()
    {
        using var admin = fixture.Admin();
        var problem = await (await admin.PostRawAsync("/api/v1/users", """{"username":"_x","password":"1","role":"x"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["username_invalid", "password_too_short", "role_invalid"], problem.ErrorCodes());
    }

    [Fact]
    public async Task Create_Duplicate_AlreadyExistsAndUnchanged()
    {
        using var admin = fixture.Admin();
        var name = NewName();
        await CreateAsync(admin, name);
        var before = await SnapshotAsync();
        await (await admin.PostRawAsync("/api/v1/users", $$"""{"username":"{{name}}","password":"other-pass-2","role":"admin"}"""))
            .ProblemAsync(HttpStatusCode.Conflict, "already_exists");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Delete_User_GoneAndTheirTokensRevoked()
    {
        using var admin = fixture.Admin();
        var name = NewName();
        await CreateAsync(admin, name);
        using var user = fixture.WithToken(await fixture.TokenAsync(name, "secret-pass-1"));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/desktops")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{name}")).StatusCode);

        Assert.False(await fixture.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == name)));
        await (await user.GetAsync("/api/v1/desktops")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await admin.DeleteAsync($"/api/v1/users/{name}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Delete_Yourself_UserIsSelfAndUnchanged()
    {
        using var admin = fixture.Admin();
        var other = NewName("adm");
        await CreateAsync(admin, other, role: "admin");
        using var otherAdmin = fixture.WithToken(await fixture.TokenAsync(other, "secret-pass-1"));
        var before = await SnapshotAsync();

        await (await admin.DeleteAsync("/api/v1/users/admin")).ProblemAsync(HttpStatusCode.Conflict, "user_is_self");
        await (await otherAdmin.DeleteAsync($"/api/v1/users/{other}")).ProblemAsync(HttpStatusCode.Conflict, "user_is_self");

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{other}")).StatusCode);
    }

    [Fact]
    public async Task Delete_LastAdmin_LastAdminAndUnchanged()
    {
        // Through the API the caller is an admin other than the target, so two admins exist; the rule still guards the
        // service (a caller demoted or deleted mid-request), which is where it is checked here.
        await fixture.WithDbAsync(db => db.Users.Where(u => u.Role == Roles.Admin && u.Username != "admin")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, Roles.User)));
        var before = await SnapshotAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserService>().DeleteAsync("admin", "someone-else", CancellationToken.None);
        Assert.Equal(UserProblemCodes.LastAdmin, result.Error?.Code);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Delete_TwoLastAdminsDeletingEachOtherAtOnce_OneAdminRemains()
    {
        using var admin = fixture.Admin();
        var (a, b) = (NewName("adm"), NewName("adm"));
        await CreateAsync(admin, a, role: "admin");
        await CreateAsync(admin, b, role: "admin");
        using var clientA = fixture.WithToken(await fixture.TokenAsync(a, "secret-pass-1"));
        using var clientB = fixture.WithToken(await fixture.TokenAsync(b, "secret-pass-1"));
        // While they race, a and b are the only admins.
        await fixture.WithDbAsync(db => db.Users.Where(u => u.Role == Roles.Admin && u.Username != a && u.Username != b)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, Roles.User)));
        try
        {
            var answers = await Task.WhenAll(clientA.DeleteAsync($"/api/v1/users/{b}"), clientB.DeleteAsync($"/api/v1/users/{a}"));

            Assert.True(answers.Count(r => r.StatusCode == HttpStatusCode.NoContent) <= 1);
            Assert.All(answers.Where(r => r.StatusCode != HttpStatusCode.NoContent),
                r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Unauthorized }));
            Assert.Equal(1, await fixture.WithDbAsync(db => db.Users.CountAsync(u => u.Role == Roles.Admin)));
        }
        finally
        {
            await fixture.WithDbAsync(db => db.Users.Where(u => u.Username == "admin").ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, Roles.Admin)));
        }
    }

    [Fact]
    public async Task Delete_UserOwningDesktops_UserOwnsDesktopsAndUnchanged()
    {
        using var admin = fixture.Admin();
        var name = NewName();
        await CreateAsync(admin, name);
        var (_, template) = await fixture.SeedTemplateAsync();
        var desktop = NewName("d");
        await (await admin.PostRawAsync("/api/v1/desktops", $$"""{"id":"{{desktop}}","template":"{{template}}","owner":"{{name}}"}"""))
            .OkAsync<Hyperfleet.Contracts.Desktops.DesktopResponse>(HttpStatusCode.Created);
        Assert.Equal(1, (await (await admin.GetAsync("/api/v1/users")).OkAsync<List<UserResponse>>()).Single(u => u.Username == name).Desktops);
        using var user = fixture.WithToken(await fixture.TokenAsync(name, "secret-pass-1"));
        var before = await SnapshotAsync();

        var problem = await (await admin.DeleteAsync($"/api/v1/users/{name}")).ProblemAsync(HttpStatusCode.Conflict, "user_owns_desktops");

        Assert.Contains("1 desktop", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/desktops")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("POST", "/api/v1/users")]
    [InlineData("DELETE", "/api/v1/users/admin")]
    public async Task UsersRoutes_AsPlainUser_Forbidden(string method, string path)
    {
        using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(NewName()));
        var before = await SnapshotAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"username":"sneaky","password":"long-enough","role":"admin"}""", System.Text.Encoding.UTF8, "application/json");
        }
        await (await user.SendAsync(request)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await SnapshotAsync());
    }
}

[Collection("sqlite")]
public sealed class UsersApiTestsOnSqlite(SqliteApiFixture fixture) : UsersApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class UsersApiTestsOnPostgres(PostgresApiFixture fixture) : UsersApiTests(fixture), IClassFixture<PostgresApiFixture>;
