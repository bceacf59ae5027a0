using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Tests.Agents;
using Hyperfleet.Server.Tests.Fixtures;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>
/// A host on the overlay gets its configuration only once the VPN node has applied what its row asks now (428 with
/// Retry-After until then), and then its side of the tunnel; without a VPN node nothing waits. Each test starts on an
/// empty database: the node's row is fleet-wide.
/// </summary>
public abstract class VpnReadinessTests(Func<ApiFixture> create) : IAsyncLifetime
{
    private ApiFixture fixture = null!;

    public async Task InitializeAsync()
    {
        fixture = create();
        await fixture.InitializeAsync();
    }

    public Task DisposeAsync() => fixture.DisposeAsync();

    private static async Task AssertPendingAsync(HttpClient host)
    {
        var pending = await host.GetAsync("/api/v1/agent/config");
        await pending.ProblemAsync(HttpStatusCode.PreconditionRequired, AgentProblemCodes.ConfigPending);
        Assert.NotNull(pending.Headers.RetryAfter?.Delta);
    }

    private static async Task<AgentVpnConfig> VpnConfigAsync(HttpClient host) =>
        (await (await host.GetAsync("/api/v1/agent/config")).OkAsync<AgentConfigResponse>()).Vpn!;

    [Fact]
    public async Task Config_WithoutAVpnNode_IsReadyAndHasNoVpn()
    {
        var id = AgentTestHosts.NewId("novpn");
        var (_, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            var config = await (await host.GetAsync("/api/v1/agent/config")).OkAsync<AgentConfigResponse>();
            Assert.Equal(id, config.Hypervisor);
            Assert.Null(config.Vpn);
        }
    }

    [Fact]
    public async Task Config_UntilTheNodeAppliedTheHost_Is428_ThenTheHostsSideOfTheTunnel()
    {
        var id = AgentTestHosts.NewId("wait");
        var (_, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            var node = WireGuardKeys.Generate().PublicKey;
            await VpnTestHosts.AddNodeAsync(fixture, node);
            await AssertPendingAsync(host);
            // Waiting changes nothing: the same answer until the node acts.
            await AssertPendingAsync(host);

            await VpnTestHosts.ApplyAsync(fixture, id);
            Assert.Equal(
                new AgentVpnConfig(VpnTestHosts.WireguardGeneve, "100.72.0.2/16", node, VpnTestHosts.NodeEndpoint, "100.72.0.1",
                    VpnTestHosts.NodeUnderlay, VpnTestHosts.NodeVni, GuestMtu: 1386, TunnelMtu: 1440, OverlayMtu: 1386),
                await VpnConfigAsync(host));
        }
    }

    [Fact]
    public async Task Config_AfterAnAdminChangesTheMode_Is428UntilTheNodeAppliedTheNewMode()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("mode");
        var (_, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            await VpnTestHosts.AddNodeAsync(fixture, WireGuardKeys.Generate().PublicKey);
            await VpnTestHosts.ApplyAsync(fixture, id);
            Assert.Equal(VpnTestHosts.WireguardGeneve, (await VpnConfigAsync(host)).Mode);

            // The agent-registered host is disabled and Offline until its checks pass: an admin may edit it.
            var edited = await (await admin.PatchRawAsync($"/api/v1/hypervisors/{id}", """{"vpn_tunneling_mode":"geneve"}"""))
                .OkAsync<HypervisorResponse>();
            Assert.Equal(VpnTunnelingMode.Geneve, edited.VpnTunnelingMode);
            await AssertPendingAsync(host);

            await VpnTestHosts.ApplyAsync(fixture, id);
            var vpn = await VpnConfigAsync(host);
            Assert.Equal(("geneve", "100.72.0.2/16", 1446, 1440), (vpn.Mode, vpn.Address, vpn.GuestMtu, vpn.TunnelMtu));
        }
    }

    [Fact]
    public async Task Config_AfterTheHostRegistersANewWgKey_Is428UntilTheNodeHasTheNewPeer()
    {
        var id = AgentTestHosts.NewId("newkey");
        var (_, host, hostKey) = await VpnTestHosts.RegisterAsync(fixture, id, WireGuardKeys.Generate().PublicKey);
        using (host)
        {
            await VpnTestHosts.AddNodeAsync(fixture, WireGuardKeys.Generate().PublicKey);
            await VpnTestHosts.ApplyAsync(fixture, id);
            Assert.NotNull(await VpnConfigAsync(host));

            await (await host.PostJsonAsync("/api/v1/agent/register", VpnTestHosts.Registration(null, id, hostKey, WireGuardKeys.Generate().PublicKey)))
                .OkAsync<AgentRegistrationResponse>();
            await AssertPendingAsync(host);
            await VpnTestHosts.ApplyAsync(fixture, id);
            Assert.Equal("100.72.0.2/16", (await VpnConfigAsync(host)).Address);
        }
    }

    [Fact]
    public async Task Config_OfAHostWithoutAWgKey_NeverWaitsForTheNode()
    {
        // An agent without WireGuard (an older one) is not on the overlay: the node has nothing to apply for it.
        var id = AgentTestHosts.NewId("nowg");
        var (_, host, _) = await VpnTestHosts.RegisterAsync(fixture, id, wgPublicKey: null);
        using (host)
        {
            await VpnTestHosts.AddNodeAsync(fixture, WireGuardKeys.Generate().PublicKey);
            var config = await (await host.GetAsync("/api/v1/agent/config")).OkAsync<AgentConfigResponse>();
            Assert.Null(config.Vpn);
        }
    }
}

[Collection("sqlite")]
public sealed class VpnReadinessTestsOnSqlite() : VpnReadinessTests(() => new SqliteApiFixture());

[Collection("postgres")]
public sealed class VpnReadinessTestsOnPostgres() : VpnReadinessTests(() => new PostgresApiFixture());
