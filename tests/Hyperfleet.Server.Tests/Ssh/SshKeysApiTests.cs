using System.Net;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Ssh;

/// <summary>The SSH key endpoints without a reachable host: who may call them and what input they refuse.</summary>
public abstract class SshKeysApiTests(ApiFixture fixture)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/v1/ssh-key" },
        { "POST", "/api/v1/ssh-keys/install" },
        { "POST", "/api/v1/hypervisors/x/repin-host-key" },
    };

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithoutCredential_Is401(string method, string path)
    {
        using var client = fixture.Anonymous();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_AsNonAdmin_Is403(string method, string path)
    {
        using var client = fixture.WithToken(await fixture.CreateUserTokenAsync("user-" + Guid.NewGuid().ToString("N")[..8]));
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task GetSshKey_AsAdmin_ReturnsTheControlPlanesPublicKeyAndFingerprint()
    {
        using var admin = fixture.Admin();

        var key = await (await admin.GetAsync("/api/v1/ssh-key")).OkAsync<SshPublicKeyResponse>();

        Assert.StartsWith("ssh-ed25519 AAAA", key.PublicKey, StringComparison.Ordinal);
        Assert.Equal(HostKeyFingerprint.Sha256(key.PublicKey), key.Fingerprint);
        Assert.Equal(key.PublicKey, (await File.ReadAllTextAsync(Path.Combine(fixture.DataDir, "ssh", "id_ed25519.pub"))).Trim());
    }

    [Theory]
    [InlineData("""{"host":"127.0.0.1","password":"pw"}""", "host", "hostname_loopback")]
    [InlineData("""{"host":"bad host!","password":"pw"}""", "host", "hostname_invalid")]
    [InlineData("""{"password":"pw"}""", "host", "hostname_invalid")]
    [InlineData("""{"host":"hv1.example.org","port":0,"password":"pw"}""", "port", "port_out_of_range")]
    [InlineData("""{"host":"hv1.example.org","port":65536,"password":"pw"}""", "port", "port_out_of_range")]
    [InlineData("""{"host":"hv1.example.org","user":"Root;reboot","password":"pw"}""", "user", "ssh_user_invalid")]
    [InlineData("""{"host":"hv1.example.org"}""", "password", "password_required")]
    [InlineData("""{"host":"hv1.example.org","password":""}""", "password", "password_required")]
    public async Task Install_InvalidField_Is400ValidationFailedNamingTheField(string body, string field, string code)
    {
        using var admin = fixture.Admin();

        var problem = await (await admin.PostRawAsync("/api/v1/ssh-keys/install", body)).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Install_SeveralInvalidFields_ListsEveryOne()
    {
        using var admin = fixture.Admin();

        var problem = await (await admin.PostRawAsync("/api/v1/ssh-keys/install", """{"host":"localhost","port":-1}"""))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["host", "port", "password"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Theory]
    [InlineData("""{"host":"hv1.example.org","password":"pw","passwd":"x"}""")]
    [InlineData("""{"host":"hv1.example.org","password":"pw","port":"twenty-two"}""")]
    [InlineData("""not json""")]
    public async Task Install_UnknownMemberOrWrongType_Is400MalformedJson(string body)
    {
        using var admin = fixture.Admin();
        await (await admin.PostRawAsync("/api/v1/ssh-keys/install", body)).ProblemAsync(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task Install_HostThatDoesNotResolve_Is422SshUnreachableAndThePasswordIsNotEchoed()
    {
        using var admin = fixture.Admin();
        const string password = "s3cret-never-echoed";

        var response = await admin.PostRawAsync("/api/v1/ssh-keys/install", $$"""{"host":"no-such-host.invalid","port":2022,"password":"{{password}}"}""");

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "ssh_unreachable");
        Assert.StartsWith("cannot reach no-such-host.invalid:2022", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(problem.GetProperty("steps").EnumerateArray());
        Assert.DoesNotContain(password, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repin_UnknownHypervisor_Is404()
    {
        using var admin = fixture.Admin();
        await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{NewId("none")}/repin-host-key")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Repin_HypervisorBeingDeleted_Is409()
    {
        using var admin = fixture.Admin();
        var id = NewId("del");
        await admin.AddAsync(id);
        await fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HypervisorStatus.Deleting)));

        await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/repin-host-key")).ProblemAsync(HttpStatusCode.Conflict, "hypervisor_deleting");
    }

    [Fact]
    public async Task Repin_HostThatCannotBeReached_Is422WithTheReasonAndKeepsThePin()
    {
        using var admin = fixture.Admin();
        var id = NewId("far");
        await admin.AddAsync(id, "no-such-host.invalid");

        await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/repin-host-key")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "ssh_unreachable");

        var h = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
        Assert.Null(h.SshHostKeyFingerprint);
    }
}

public sealed class SshKeysApiTestsOnSqlite(SqliteApiFixture fixture) : SshKeysApiTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class SshKeysApiTestsOnPostgres(PostgresApiFixture fixture) : SshKeysApiTests(fixture), IClassFixture<PostgresApiFixture>;
