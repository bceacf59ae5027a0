using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Ssh;
using Hyperfleet.Server.Agents;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Agents;

/// <summary>
/// A host registers with a token (or its credential), pins the host key it sends, enables itself only when its checks pass,
/// reports, and deregisters cleanly; refused tokens and foreign credentials change nothing.
/// </summary>
public abstract class AgentApiTests(ApiFixture fixture)
{
    private async Task<(AgentRegistrationResponse Registration, HttpClient Host, string HostKey)> RegisterAsync(
        HttpClient admin, string id, bool hypervisor = true, bool disk = true)
    {
        var token = await AgentTestHosts.CreateTokenAsync(admin);
        var hostKey = AgentTestHosts.NewHostKey();
        using var anonymous = fixture.Anonymous();
        var registration = await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(token.Token, id, hostKey, hypervisor, disk)))
            .OkAsync<AgentRegistrationResponse>(HttpStatusCode.Created);
        return (registration, fixture.WithToken(registration.Credential!), hostKey);
    }

    private static async Task<List<HypervisorEventResponse>> EventsAsync(HttpClient admin, string id) =>
        await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();

    [Fact]
    public async Task Register_WithToken_MakesADisabledOfflineAgentHostPinnedToTheKeyItSent()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("reg");
        var (registration, host, hostKey) = await RegisterAsync(admin, id, hypervisor: false, disk: true);
        using (host)
        {
            var h = registration.Hypervisor;
            Assert.True(registration.Created);
            Assert.False(h.Enabled);
            Assert.Equal(HypervisorStatus.Offline, h.Status);
            Assert.Equal("agent", h.RegisteredBy);
            Assert.Equal("pure_disk_operations", h.Type);
            Assert.Equal(HostKeyFingerprint.Sha256(hostKey), h.SshHostKeyFingerprint);
            Assert.Equal(AgentStates.Registered, h.Agent!.State);
            Assert.Equal("1.2.3", h.Agent.Version);
            Assert.StartsWith("hfh_", registration.Credential, StringComparison.Ordinal);
            Assert.StartsWith("ssh-ed25519 ", registration.ControlPlaneSshKey, StringComparison.Ordinal);

            var config = await (await host.GetAsync("/api/v1/agent/config")).OkAsync<AgentConfigResponse>();
            Assert.Equal(id, config.Hypervisor);
            Assert.Equal(registration.ControlPlaneSshKey, config.ControlPlaneSshKey);
            Assert.Contains(config.StoragePools, p => p.Mountpoint == "/opt/isard");
            Assert.False(config.VideoProxy);

            var events = await EventsAsync(admin, id);
            Assert.Contains(events, e => e.Kind == "registered" && e.Actor == "hypervisor:" + id && e.ToStatus == "Offline");
            Assert.Contains(events, e => e.Kind == "host_key_pinned" && e.Detail!.Contains(HostKeyFingerprint.Sha256(hostKey)!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Register_WithRefusedTokens_AnswersStableCodesAndWritesNothing()
    {
        using var admin = fixture.Admin();
        var expired = await AgentTestHosts.CreateTokenAsync(admin);
        await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == expired.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var revoked = await AgentTestHosts.CreateTokenAsync(admin);
        await admin.DeleteAsync($"/api/v1/enrollment-tokens/{revoked.Id}");
        var once = await AgentTestHosts.CreateTokenAsync(admin, """{"uses":1}""");
        var bound = await AgentTestHosts.CreateTokenAsync(admin, """{"hypervisor":"only-this-one"}""");
        using var anonymous = fixture.Anonymous();
        var first = AgentTestHosts.NewId("once");
        await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(once.Token, first, AgentTestHosts.NewHostKey())))
            .OkAsync<AgentRegistrationResponse>(HttpStatusCode.Created);

        var hypervisors = await fixture.WithDbAsync(db => db.Hypervisors.CountAsync());
        var events = await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync());
        var credentials = await fixture.WithDbAsync(db => db.HypervisorCredentials.CountAsync());
        var cases = new (string? Token, HttpStatusCode Status, string Code)[]
        {
            (expired.Token, HttpStatusCode.Unauthorized, AgentProblemCodes.TokenExpired),
            (revoked.Token, HttpStatusCode.Unauthorized, AgentProblemCodes.TokenRevoked),
            (once.Token, HttpStatusCode.Unauthorized, AgentProblemCodes.TokenUsedUp),
            (bound.Token, HttpStatusCode.Forbidden, AgentProblemCodes.TokenWrongHypervisor),
            // Forged: a real id with a made-up secret, an unknown id, and no token shape at all.
            (once.Id + ".aaaaaaaaaaaaaaaa", HttpStatusCode.Unauthorized, AgentProblemCodes.TokenInvalid),
            ("zzzzzz.aaaaaaaaaaaaaaaa", HttpStatusCode.Unauthorized, AgentProblemCodes.TokenInvalid),
            ("hfh_not-a-token", HttpStatusCode.Unauthorized, AgentProblemCodes.TokenInvalid),
            (null, HttpStatusCode.Unauthorized, AgentProblemCodes.TokenMissing),
        };
        foreach (var (token, status, code) in cases)
        {
            await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(token, AgentTestHosts.NewId("refused"), AgentTestHosts.NewHostKey())))
                .ProblemAsync(status, code);
        }
        Assert.Equal(hypervisors, await fixture.WithDbAsync(db => db.Hypervisors.CountAsync()));
        Assert.Equal(events, await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync()));
        Assert.Equal(credentials, await fixture.WithDbAsync(db => db.HypervisorCredentials.CountAsync()));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == once.Id).Select(t => t.Uses).SingleAsync()));

        // Bad settings are named and spend no use.
        var open = await AgentTestHosts.CreateTokenAsync(admin);
        var bad = AgentTestHosts.Registration(open.Token, "Bad Id", "not a key") with { AgentVersion = "" };
        var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/register", bad)).ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains(AgentProblemCodes.HostKeyInvalid, problem.ErrorCodes());
        var local = AgentTestHosts.Registration(open.Token, AgentTestHosts.NewId("lo"), AgentTestHosts.NewHostKey());
        var loopback = local with { Hypervisor = local.Hypervisor with { Hostname = "127.0.0.1" } };
        await (await anonymous.PostJsonAsync("/api/v1/agent/register", loopback)).ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(0, await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == open.Id).Select(t => t.Uses).SingleAsync()));
        Assert.Equal(hypervisors, await fixture.WithDbAsync(db => db.Hypervisors.CountAsync()));
    }

    [Fact]
    public async Task Credential_ActsOnItsOwnAgentRoutesOnly()
    {
        using var admin = fixture.Admin();
        var (one, host1, _) = await RegisterAsync(admin, AgentTestHosts.NewId("one"));
        var (two, host2, _) = await RegisterAsync(admin, AgentTestHosts.NewId("two"));
        using (host1)
        using (host2)
        {
            Assert.Equal(one.Hypervisor.Id, (await (await host1.GetAsync("/api/v1/agent/config")).OkAsync<AgentConfigResponse>()).Hypervisor);
            // hv1's credential cannot register, or speak, as hv2.
            await (await host1.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(null, two.Hypervisor.Id, AgentTestHosts.NewHostKey())))
                .ProblemAsync(HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
            foreach (var path in new[] { "/api/v1/hypervisors", $"/api/v1/hypervisors/{two.Hypervisor.Id}", $"/api/v1/hypervisors/{one.Hypervisor.Id}/events",
                         "/api/v1/enrollment-tokens", "/api/v1/users", "/api/v1/desktops", "/api/v1/pools", "/api/v1/certificates" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await host1.GetAsync(path)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await host1.PostEmptyAsync($"/api/v1/hypervisors/{one.Hypervisor.Id}/enable")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host1.PostRawAsync("/api/v1/enrollment-tokens", "{}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host1.DeleteAsync($"/api/v1/hypervisors/{two.Hypervisor.Id}?force=true")).StatusCode);
            // The agent routes are not an admin's either: they act on the credential's own host.
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/agent/config")).StatusCode);
            var still = await (await admin.GetAsync($"/api/v1/hypervisors/{two.Hypervisor.Id}")).OkAsync<HypervisorResponse>();
            Assert.Equal(two.Hypervisor.SshHostKeyFingerprint, still.SshHostKeyFingerprint);
        }
    }

    [Fact]
    public async Task Register_Again_KeepsRowPinAndHistory_ADifferentKeyNeedsABoundToken()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("again");
        var (first, host, hostKey) = await RegisterAsync(admin, id);
        using (host)
        {
            // A desktop recorded running there (the host rebooted under it): registration and deregistration keep it.
            await fixture.WithDbAsync(async db =>
            {
                db.StoragePools.Add(new StoragePool { Id = id, BasesPath = "/b", TemplatesPath = "/t", GroupsPath = "/g", MediaPath = "/m", VolatilePath = "/v" });
                db.Templates.Add(new Template { Id = id, Kind = TemplateKinds.Base, DiskPath = $"/b/{id}.qcow2", PoolId = id, Status = TemplateStatuses.Ready });
                db.Desktops.Add(new Desktop { Id = id, TemplateId = id, PoolId = id, DiskPath = $"/g/{id}.qcow2", Status = DesktopStatuses.Unknown, HypervisorId = id });
                return await db.SaveChangesAsync();
            });
            await (await host.DeleteAsync("/api/v1/agent")).OkAsync<HypervisorResponse>();
            var before = await EventsAsync(admin, id);
            var again = await (await host.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(null, id, hostKey)))
                .OkAsync<AgentRegistrationResponse>();
            Assert.False(again.Created);
            Assert.Null(again.Credential);
            Assert.Equal(first.Hypervisor.CreatedAt, again.Hypervisor.CreatedAt);
            Assert.Equal(first.Hypervisor.SshHostKeyFingerprint, again.Hypervisor.SshHostKeyFingerprint);
            var after = await EventsAsync(admin, id);
            Assert.All(before, e => Assert.Contains(after, a => a.Id == e.Id));
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/v1/agent/config")).StatusCode);
            var kept = await fixture.WithDbAsync(db => db.Desktops.SingleAsync(d => d.Id == id));
            Assert.Equal((id, DesktopStatuses.Unknown), (kept.HypervisorId, kept.Status));

            var otherKey = AgentTestHosts.NewHostKey();
            var open = await AgentTestHosts.CreateTokenAsync(admin);
            using var anonymous = fixture.Anonymous();
            // Anyone may send a host's public key: an unbound token never takes a known hypervisor, same key or not.
            await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(open.Token, id, hostKey)))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.AlreadyRegistered);
            await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(open.Token, id, otherKey)))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.AlreadyRegistered);
            // Its own credential with another key: the pin holds.
            await (await host.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(null, id, otherKey)))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.HostKeyMismatch);
            // Another id at the same host and port: one host is one hypervisor.
            var twin = AgentTestHosts.Registration(open.Token, AgentTestHosts.NewId("twin"), otherKey);
            await (await anonymous.PostJsonAsync("/api/v1/agent/register", twin with { Hypervisor = twin.Hypervisor with { Hostname = $"{id}.example.org" } }))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.HostAlreadyRegistered);
            Assert.Equal(0, await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == open.Id).Select(t => t.Uses).SingleAsync()));
            Assert.Equal(first.Hypervisor.SshHostKeyFingerprint, (await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>()).SshHostKeyFingerprint);

            var bound = await AgentTestHosts.CreateTokenAsync(admin, $$"""{"hypervisor":"{{id}}"}""");
            var rekeyed = await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(bound.Token, id, otherKey)))
                .OkAsync<AgentRegistrationResponse>();
            Assert.Equal(HostKeyFingerprint.Sha256(otherKey), rekeyed.Hypervisor.SshHostKeyFingerprint);
            // The new credential replaced the old one.
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/v1/agent/config")).StatusCode);
        }
    }

    [Fact]
    public async Task Certificate_ForAHost_NeverNamesAnotherHypervisorsName()
    {
        using var admin = fixture.Admin();
        var victim = AgentTestHosts.NewId("victim");
        await admin.AddAsync(victim, $"{victim}.example.org");
        var token = await AgentTestHosts.CreateTokenAsync(admin);
        var id = AgentTestHosts.NewId("claims");
        var request = AgentTestHosts.Registration(token.Token, id, AgentTestHosts.NewHostKey());
        request = request with { Hypervisor = request.Hypervisor with { Viewer = new ViewerSettingsInput(ProxyVideoHost: $"{victim}.example.org") } };
        using var anonymous = fixture.Anonymous();
        var registration = await (await anonymous.PostJsonAsync("/api/v1/agent/register", request)).OkAsync<AgentRegistrationResponse>(HttpStatusCode.Created);
        using var host = fixture.WithToken(registration.Credential!);

        var csr = Hyperfleet.Core.Certificates.CertificateAuthority.CreateRequest(id, []);
        var signed = await (await host.PostJsonAsync("/api/v1/certificates/sign",
            new Hyperfleet.Contracts.Certificates.SignCertificateRequest(csr.CsrPem, id, Hyperfleet.Contracts.Certificates.CertificateKinds.VideoProxy)))
            .OkAsync<Hyperfleet.Contracts.Certificates.SignCertificateResponse>();
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(signed.Certificate);
        Assert.Equal([$"{id}.example.org"], Hyperfleet.Core.Certificates.SubjectAltNames.Of(leaf));

        // Two hypervisors an admin put at one name: neither gets a certificate for it.
        var twin = AgentTestHosts.NewId("twin");
        await admin.AddAsync(twin, $"{id}.example.org");
        await (await host.PostJsonAsync("/api/v1/certificates/sign",
            new Hyperfleet.Contracts.Certificates.SignCertificateRequest(csr.CsrPem, id, Hyperfleet.Contracts.Certificates.CertificateKinds.VideoProxy)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, Hyperfleet.Contracts.Certificates.CertificateProblemCodes.NameClaimed);
    }

    [Fact]
    public async Task Enable_OnlyWhenEveryCheckPasses_AndNotWhenAnAdminHoldsItDisabled()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("checks");
        var (_, host, _) = await RegisterAsync(admin, id);
        using (host)
        {
            await (await host.PostJsonAsync("/api/v1/agent/enable", AgentTestHosts.Checks(("libvirt", false), ("storage", true))))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.ChecksFailed);
            var failed = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
            Assert.False(failed.Enabled);
            Assert.Equal(HypervisorStatus.Offline, failed.Status);
            Assert.Equal(AgentService.CheckFailedReason, failed.StatusReason);
            Assert.Contains("libvirt: libvirt is broken", failed.StatusDetail, StringComparison.Ordinal);
            Assert.Contains(failed.Agent!.Checks, c => c is { Name: "libvirt", Ok: false });
            // A retry with the same failure adds no history row.
            await host.PostJsonAsync("/api/v1/agent/enable", AgentTestHosts.Checks(("libvirt", false), ("storage", true)));
            Assert.Single(await EventsAsync(admin, id), e => e.Kind == "agent_checks_failed");

            var enabled = await (await host.PostJsonAsync("/api/v1/agent/enable", AgentTestHosts.Checks(("libvirt", true), ("storage", true))))
                .OkAsync<HypervisorResponse>();
            Assert.True(enabled.Enabled);
            Assert.Null(enabled.StatusReason);
            Assert.Equal(AgentStates.Running, enabled.Agent!.State);

            // An admin's disable holds: the agent may not undo it, the admin's enable releases it.
            await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/disable")).OkAsync<HypervisorResponse>();
            await (await host.PostJsonAsync("/api/v1/agent/enable", AgentTestHosts.Checks(("libvirt", true))))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.DisabledByAdmin);
            Assert.False((await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>()).Enabled);
            Assert.True((await (await admin.PostEmptyAsync($"/api/v1/hypervisors/{id}/enable")).OkAsync<HypervisorResponse>()).Enabled);
        }
    }

    [Fact]
    public async Task Deregister_IsOfflineAgentStopped_AndSilenceIsShownWithoutTouchingTheStatus()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("life");
        var (_, host, _) = await RegisterAsync(admin, id);
        using (host)
        {
            await (await host.PostJsonAsync("/api/v1/agent/enable", AgentTestHosts.Checks(("libvirt", true)))).OkAsync<HypervisorResponse>();

            await fixture.WithDbAsync(db => db.Hypervisors.Where(h => h.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.AgentHeartbeatAt, DateTimeOffset.UtcNow.AddMinutes(-5))));
            Assert.True(await fixture.Services.GetRequiredService<AgentSilenceWatch>().MarkSilentAsync(CancellationToken.None) >= 1);
            var silent = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
            Assert.Equal(AgentStates.Silent, silent.Agent!.State);
            Assert.True(silent.Enabled);
            Assert.NotEqual(HypervisorStatus.Error, silent.Status);

            var back = await (await host.PostJsonAsync("/api/v1/agent/heartbeat", AgentTestHosts.Checks(("libvirt", true)))).OkAsync<HypervisorResponse>();
            Assert.Equal(AgentStates.Running, back.Agent!.State);

            var stopped = await (await host.DeleteAsync("/api/v1/agent")).OkAsync<HypervisorResponse>();
            Assert.False(stopped.Enabled);
            Assert.Equal(HypervisorStatus.Offline, stopped.Status);
            Assert.Equal(AgentService.AgentStoppedReason, stopped.StatusReason);
            Assert.Equal(AgentStates.Stopped, stopped.Agent!.State);
            var kinds = (await EventsAsync(admin, id)).Select(e => e.Kind).ToList();
            Assert.Contains("agent_silent", kinds);
            Assert.Contains("agent_back", kinds);
            Assert.Contains("deregistered", kinds);

            // Bad reports are named, and change nothing.
            await (await host.PostRawAsync("/api/v1/agent/heartbeat", """{"agent_version":"","checks":[]}"""))
                .ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        }
    }
}

[Collection("sqlite")]
public sealed class AgentApiTestsOnSqlite(SqliteApiFixture fixture) : AgentApiTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class AgentApiTestsOnPostgres(PostgresApiFixture fixture) : AgentApiTests(fixture), IClassFixture<PostgresApiFixture>;
