using System.Net;
using System.Text.Json;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Tests.Agents;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>
/// <c>hypervisor diagnose</c> shows the tunnel as the host's agent last reported it, for admins only; and no answer of
/// the API ever carries a WireGuard private key, the host's or the node's.
/// </summary>
public abstract class VpnDiagnosisTests(ApiFixture fixture)
{
    private static readonly AgentTunnelReport Report = new(VpnTestHosts.WireguardGeneve, TunnelStatuses.Disconnected, "bfd_down",
        HandshakeAgeSeconds: 12.5, RxBytes: 1234, TxBytes: 5678, BfdState: "down", BfdDiagnostic: "Control Detection Time Expired",
        Endpoint: VpnTestHosts.NodeEndpoint, Repairs: 2);

    private static AgentChecksRequest Heartbeat(AgentTunnelReport? tunnel) => AgentTestHosts.Checks(("libvirt", true)) with { Tunnel = tunnel };

    [Fact]
    public async Task Diagnose_AfterAHeartbeatWithATunnelReport_ShowsTheAgentsEndAndWhenItCame()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("diag");
        var (registration, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            var before = DateTimeOffset.UtcNow;
            await (await host.PostJsonAsync("/api/v1/agent/heartbeat", Heartbeat(Report))).OkAsync<HypervisorResponse>();
            var after = DateTimeOffset.UtcNow;

            var diagnosis = await (await admin.GetAsync($"/api/v1/hypervisors/{id}/diagnose")).OkAsync<HypervisorDiagnosisResponse>();
            Assert.Equal(id, diagnosis.Hypervisor);
            Assert.Equal(VpnTunnelingMode.WireguardGeneve, diagnosis.Mode);
            Assert.Equal(registration.Hypervisor.Vpn!.Address, diagnosis.Address);
            Assert.Equal(Report, diagnosis.Agent);
            Assert.NotNull(diagnosis.AgentReportedAt);
            Assert.InRange(diagnosis.AgentReportedAt.Value, before.AddSeconds(-1), after.AddSeconds(1));
            // No VPN node runs in this process: its end is absent, and the answer says why instead of staying silent.
            Assert.Null(diagnosis.VpnNode);
            Assert.False(string.IsNullOrEmpty(diagnosis.TunnelDetail));
            Assert.Contains(diagnosis.Events, e => e.Kind == "vpn_address");
            Assert.Contains(diagnosis.Events, e => e.Kind == "wg_key");

            // The next report replaces the last one.
            var later = Report with { Status = TunnelStatuses.Connected, Reason = null, BfdState = "up", BfdDiagnostic = null, Repairs = 3 };
            await (await host.PostJsonAsync("/api/v1/agent/heartbeat", Heartbeat(later))).OkAsync<HypervisorResponse>();
            Assert.Equal(later, (await (await admin.GetAsync($"/api/v1/hypervisors/{id}/diagnose")).OkAsync<HypervisorDiagnosisResponse>()).Agent);
        }
    }

    [Fact]
    public async Task Diagnose_OfAnUnknownHypervisor_Is404Problem()
    {
        using var admin = fixture.Admin();
        var problem = await (await admin.GetAsync($"/api/v1/hypervisors/{AgentTestHosts.NewId("nobody")}/diagnose"))
            .ProblemAsync(HttpStatusCode.NotFound, ProblemCodes.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Diagnose_IsForAdminsOnly_NotUsersNorTheHostsOwnCredential()
    {
        var id = AgentTestHosts.NewId("guard");
        var (_, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            var path = $"/api/v1/hypervisors/{id}/diagnose";
            Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync(path)).StatusCode);
            using var user = fixture.WithToken(await fixture.CreateUserTokenAsync(AgentTestHosts.NewId("diaguser")));
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(path)).StatusCode);
            using var anonymous = fixture.Anonymous();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Responses_ShowThePublicKeys_NeverAPrivateKey()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("secret");
        var hostPair = WireGuardKeys.Generate();
        var nodePair = WireGuardKeys.Generate();
        var token = await AgentTestHosts.CreateTokenAsync(admin);
        using var anonymous = fixture.Anonymous();
        var registered = await anonymous.PostJsonAsync("/api/v1/agent/register",
            VpnTestHosts.Registration(token.Token, id, AgentTestHosts.NewHostKey(), hostPair.PublicKey));
        var registrationJson = await registered.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var credential = JsonDocument.Parse(registrationJson).RootElement.GetProperty("credential").GetString()!;
        using var host = fixture.WithToken(credential);
        await VpnTestHosts.AddNodeAsync(fixture, nodePair.PublicKey);
        await VpnTestHosts.ApplyAsync(fixture, id);
        await (await host.PostJsonAsync("/api/v1/agent/heartbeat", Heartbeat(Report))).OkAsync<HypervisorResponse>();

        var answers = new Dictionary<string, string> { ["register"] = registrationJson };
        foreach (var (name, client, path) in new[]
                 {
                     ("hypervisor", admin, $"/api/v1/hypervisors/{id}"), ("list", admin, "/api/v1/hypervisors"),
                     ("diagnose", admin, $"/api/v1/hypervisors/{id}/diagnose"), ("events", admin, $"/api/v1/hypervisors/{id}/events"),
                     ("config", host, "/api/v1/agent/config"),
                 })
        {
            var response = await client.GetAsync(path);
            answers[name] = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{name}: {response.StatusCode} {answers[name]}");
        }

        // The host's public key where the host is shown, the node's where the host is told where to connect.
        foreach (var name in new[] { "register", "hypervisor", "list", "diagnose", "events" })
        {
            Assert.Contains(hostPair.PublicKey, answers[name], StringComparison.Ordinal);
        }
        Assert.Contains(nodePair.PublicKey, answers["config"], StringComparison.Ordinal);
        foreach (var (name, json) in answers)
        {
            Assert.DoesNotContain(hostPair.PrivateKey, json, StringComparison.Ordinal);
            Assert.DoesNotContain(nodePair.PrivateKey, json, StringComparison.Ordinal);
            Assert.True(PropertyNames(JsonDocument.Parse(json).RootElement).All(p => !p.Contains("private", StringComparison.OrdinalIgnoreCase)),
                $"{name} has a field named like a private key: {json}");
        }
    }

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };
}

[Collection("sqlite")]
public sealed class VpnDiagnosisTestsOnSqlite(SqliteApiFixture fixture) : VpnDiagnosisTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class VpnDiagnosisTestsOnPostgres(PostgresApiFixture fixture) : VpnDiagnosisTests(fixture), IClassFixture<PostgresApiFixture>;
