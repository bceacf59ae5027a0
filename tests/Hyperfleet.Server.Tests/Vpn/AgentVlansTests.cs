using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Tests.Agents;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>
/// <c>POST /api/v1/agent/vlans</c>: a host's agent reports the VLANs on its trunk; admins see them as <c>v&lt;id&gt;</c>
/// interfaces on the hypervisor, a change is a history row, and bad ids change nothing.
/// </summary>
public abstract class AgentVlansTests(ApiFixture fixture)
{
    [Fact]
    public async Task Vlans_Reported_AreListedAscendingAsInterfaces_AndOnlyAChangeIsAHistoryRow()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("vlans");
        var (registration, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            Assert.Null(registration.Hypervisor.Vlans);
            var reported = await (await host.PostJsonAsync("/api/v1/agent/vlans", new AgentVlansRequest("trunk0", [200, 100, 200], Detected: true)))
                .OkAsync<HypervisorResponse>();
            Assert.Equal([100, 200], reported.Vlans!.Ids);

            var shown = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
            Assert.Equal(["v100", "v200"], shown.Vlans!.Interfaces);
            Assert.Equal(("trunk0", true), (shown.Vlans.Trunk, shown.Vlans.Detected));
            Assert.NotNull(shown.Vlans.ReportedAt);

            // The same set again (a restart of the agent) is no news; a new set is.
            await (await host.PostJsonAsync("/api/v1/agent/vlans", new AgentVlansRequest("trunk0", [100, 200], Detected: true))).OkAsync<HypervisorResponse>();
            await (await host.PostJsonAsync("/api/v1/agent/vlans", new AgentVlansRequest("trunk0", [300], Detected: false))).OkAsync<HypervisorResponse>();
            var rows = (await VpnTestHosts.EventsAsync(admin, id)).Where(e => e.Kind == "vlans").ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains("v300 on trunk0 (from its static list)", rows[0].Detail, StringComparison.Ordinal);
            Assert.Contains("v100, v200 on trunk0", rows[1].Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("trunk0", 0)]
    [InlineData("trunk0", 4095)]
    [InlineData("eth 0", 100)]
    [InlineData("a-name-far-too-long", 100)]
    public async Task Vlans_Invalid_Is400_AndChangesNothing(string trunk, int vlan)
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("badvlan");
        var (_, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            await (await host.PostJsonAsync("/api/v1/agent/vlans", new AgentVlansRequest(trunk, [vlan], Detected: false)))
                .ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
            Assert.Null((await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>()).Vlans);
        }
    }

    [Fact]
    public async Task Vlans_FromAnAdmin_IsForbidden_TheRouteIsTheHostsOwn()
    {
        using var admin = fixture.Admin();
        Assert.Equal(HttpStatusCode.Forbidden,
            (await admin.PostJsonAsync("/api/v1/agent/vlans", new AgentVlansRequest("trunk0", [100], Detected: false))).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class AgentVlansTestsOnSqlite(SqliteApiFixture fixture) : AgentVlansTests(fixture), IClassFixture<SqliteApiFixture>;

[Collection("postgres")]
public sealed class AgentVlansTestsOnPostgres(PostgresApiFixture fixture) : AgentVlansTests(fixture), IClassFixture<PostgresApiFixture>;
