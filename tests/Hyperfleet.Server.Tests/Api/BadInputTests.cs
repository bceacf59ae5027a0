using System.Net;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Api;

/// <summary>Each class of bad input gets a problem with a stable code, and the database is unchanged.</summary>
public abstract class BadInputTests(ApiFixture fixture)
{
    private async Task<(int Hypervisors, int Events)> CountsAsync() =>
        (await fixture.WithDbAsync(db => db.Hypervisors.CountAsync()), await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync()));

    private async Task AddIsRefused(string body, HttpStatusCode status, string code, string? fieldCode = null)
    {
        using var admin = fixture.Admin();
        var before = await CountsAsync();
        var problem = await (await admin.PostRawAsync("/api/v1/hypervisors", body)).ProblemAsync(status, code);
        if (fieldCode is not null)
        {
            Assert.Contains(fieldCode, problem.ErrorCodes());
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("""{"id":"a","hostname":""")]
    [InlineData("""not json""")]
    [InlineData("""["id","hostname"]""")]
    [InlineData("""{"id":"a","hostname":"h.example.org",}""")]
    public Task Add_MalformedJson_IsRefused(string body) => AddIsRefused(body, HttpStatusCode.BadRequest, "malformed_json");

    [Theory]
    [InlineData("""{"id":"a","hostname":"h.example.org","ssh_port":"twenty"}""")]
    [InlineData("""{"id":"a","hostname":"h.example.org","capabilities":"both"}""")]
    [InlineData("""{"id":"a","hostname":"h.example.org","only_forced":"yes"}""")]
    [InlineData("""{"id":"a","hostname":"h.example.org","cpus":4}""")]
    public Task Add_FieldOfWrongTypeOrUnknownField_IsRefused(string body) => AddIsRefused(body, HttpStatusCode.BadRequest, "malformed_json");

    [Theory]
    [InlineData("Hv1")]
    [InlineData("hv_1")]
    [InlineData("-hv")]
    [InlineData("hv 1")]
    [InlineData("")]
    [InlineData("../etc")]
    public Task Add_IdNotASlug_IsRefused(string id) =>
        AddIsRefused($$"""{"id":"{{id}}","hostname":"h.example.org"}""", HttpStatusCode.BadRequest, "validation_failed", "id_invalid");

    [Theory]
    [InlineData("not a host")]
    [InlineData("under_score.example.org")]
    [InlineData("-lead.example.org")]
    [InlineData("")]
    [InlineData("999.1.1.1")]
    public Task Add_HostnameNotDnsNameOrIp_IsRefused(string hostname) =>
        AddIsRefused($$"""{"id":"bad-host","hostname":"{{hostname}}"}""", HttpStatusCode.BadRequest, "validation_failed");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("localhost")]
    [InlineData("LocalHost.")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("0:0:0:0:0:0:0:1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("169.254.10.20")]
    [InlineData("fe80::1")]
    [InlineData("2130706433")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("127.1")]
    public Task Add_LoopbackOrLinkLocalHostname_IsRefused(string hostname) =>
        AddIsRefused($$"""{"id":"loop","hostname":"{{hostname}}"}""", HttpStatusCode.BadRequest, "validation_failed");

    [Theory]
    [InlineData("ssh_port", 0)]
    [InlineData("ssh_port", 65536)]
    [InlineData("ssh_port", -22)]
    public Task Add_PortOutOfRange_IsRefused(string field, int port) =>
        AddIsRefused($$"""{"id":"ports","hostname":"h.example.org","{{field}}":{{port}}}""", HttpStatusCode.BadRequest, "validation_failed", "port_out_of_range");

    [Fact]
    public Task Add_ViewerPortOutOfRange_IsRefused() =>
        AddIsRefused("""{"id":"ports","hostname":"h.example.org","viewer":{"html5_port":70000}}""", HttpStatusCode.BadRequest, "validation_failed", "port_out_of_range");

    [Fact]
    public Task Add_NoCapability_IsRefused() =>
        AddIsRefused("""{"id":"nocap","hostname":"h.example.org","capabilities":{"hypervisor":false,"disk_operations":false}}""",
            HttpStatusCode.BadRequest, "validation_failed", "no_capability");

    [Fact]
    public Task Add_UnknownTunnelingMode_IsRefused() =>
        AddIsRefused("""{"id":"mode","hostname":"h.example.org","vpn_tunneling_mode":"ipsec"}""", HttpStatusCode.BadRequest, "validation_failed", "vpn_tunneling_mode_invalid");

    [Fact]
    public Task Add_UnknownFlavour_IsRefused() =>
        AddIsRefused("""{"id":"flav","hostname":"h.example.org","flavour":"all-in-one"}""", HttpStatusCode.BadRequest, "validation_failed", "flavour_invalid");

    [Fact]
    public Task Add_BodyOver64KiB_IsRefused() =>
        AddIsRefused($$"""{"id":"big","hostname":"h.example.org","description":"{{new string('x', 70 * 1024)}}"}""",
            HttpStatusCode.RequestEntityTooLarge, "body_too_large");

    [Fact]
    public async Task Add_SeveralBadFields_ReportsEveryOne()
    {
        using var admin = fixture.Admin();
        var problem = await (await admin.PostRawAsync("/api/v1/hypervisors",
            """{"id":"Bad Id","hostname":"localhost","ssh_port":0,"flavour":"x"}""")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var codes = problem.ErrorCodes().ToList();
        Assert.Contains("id_invalid", codes);
        Assert.Contains("port_out_of_range", codes);
        Assert.Contains("flavour_invalid", codes);
        Assert.Equal(4, codes.Count);
    }

    [Fact]
    public async Task Edit_WithInvalidField_ChangesNothing()
    {
        using var admin = fixture.Admin();
        var id = "edit-bad-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id, "keep.example.org");
        var before = await CountsAsync();
        await (await admin.PatchRawAsync($"/api/v1/hypervisors/{id}", """{"hostname":"127.0.0.1","description":"changed"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var h = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
        Assert.Equal("keep.example.org", h.Hostname);
        Assert.Equal("", h.Description);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Enable_WhenDeleting_Is409AndChangesNothing()
    {
        using var admin = fixture.Admin();
        var id = "deleting-" + Guid.NewGuid().ToString("N")[..6];
        await admin.AddAsync(id);
        await fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HypervisorStatus.Deleting).SetProperty(h => h.DesktopsRunning, 3)));
        var before = await CountsAsync();
        await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable")).ProblemAsync(HttpStatusCode.Conflict, "hypervisor_deleting");
        await (await admin.PatchRawAsync($"/api/v1/hypervisors/{id}", """{"description":"x"}""")).ProblemAsync(HttpStatusCode.Conflict, "hypervisor_deleting");
        Assert.Equal(before, await CountsAsync());
        Assert.False(await fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id).Select(h => h.Enabled).SingleAsync()));
    }

    [Fact]
    public async Task UnknownRoute_IsProblemWithCode()
    {
        using var admin = fixture.Admin();
        await (await admin.GetAsync("/api/v1/nothing-here")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}

[Collection("sqlite")]
public sealed class BadInputTestsOnSqlite(SqliteApiFixture fixture) : BadInputTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class BadInputTestsOnPostgres(PostgresApiFixture fixture) : BadInputTests(fixture), IClassFixture<PostgresApiFixture>;
