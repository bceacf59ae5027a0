using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Agents;
using Hyperfleet.Server.Tests.Fixtures;
using Hyperfleet.Server.Vpn;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>
/// Hosts that register with a WireGuard key, and a VPN node made up in the database: no WireGuard runs here, so the
/// tests write the node's row and its <c>vpn_applied</c> as the node would.
/// </summary>
internal static class VpnTestHosts
{
    public const string WireguardGeneve = "wireguard+geneve";
    public const string NodeUnderlay = "192.0.2.10";
    public const string NodeEndpoint = NodeUnderlay + ":51820";
    public const int NodeVni = 4242;

    public static AgentRegistrationRequest Registration(string? token, string id, string hostKey, string? wgPublicKey, string mode = WireguardGeneve)
    {
        var request = AgentTestHosts.Registration(token, id, hostKey);
        return request with { Hypervisor = request.Hypervisor with { VpnTunnelingMode = mode }, WgPublicKey = wgPublicKey };
    }

    /// <summary>A first registration with a fresh token; the host's client carries the credential it got.</summary>
    public static async Task<(AgentRegistrationResponse Registration, HttpClient Host, string HostKey)> RegisterAsync(
        ApiFixture fixture, string id, string? wgPublicKey, string mode = WireguardGeneve)
    {
        using var admin = fixture.Admin();
        var token = await AgentTestHosts.CreateTokenAsync(admin);
        var hostKey = AgentTestHosts.NewHostKey();
        using var anonymous = fixture.Anonymous();
        var registration = await (await anonymous.PostJsonAsync("/api/v1/agent/register", Registration(token.Token, id, hostKey, wgPublicKey, mode)))
            .OkAsync<AgentRegistrationResponse>(HttpStatusCode.Created);
        return (registration, fixture.WithToken(registration.Credential!), hostKey);
    }

    /// <summary>The row the VPN node publishes when it starts (<c>vpn_nodes</c>), on the default overlay.</summary>
    public static Task AddNodeAsync(ApiFixture fixture, string publicKey) =>
        fixture.WithDbAsync(async db =>
        {
            db.VpnNodes.Add(new VpnNode
            {
                Id = VpnNodeService.NodeId, PublicKey = publicKey, Endpoint = NodeEndpoint, UnderlayAddress = NodeUnderlay,
                OverlayAddress = "100.72.0.1", Network = "100.72.0.0/16", Vni = NodeVni, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

    /// <summary>What the node records once it has the host's peer and Geneve port for what the row asks now.</summary>
    public static Task ApplyAsync(ApiFixture fixture, string id) =>
        fixture.WithDbAsync(async db =>
        {
            var h = await db.Hypervisors.SingleAsync(x => x.Id == id);
            h.VpnApplied = VpnPlan.Fingerprint(h);
            return await db.SaveChangesAsync();
        });

    public static async Task<List<HypervisorEventResponse>> EventsAsync(HttpClient admin, string id) =>
        await (await admin.GetAsync($"/api/v1/hypervisors/{id}/events")).OkAsync<List<HypervisorEventResponse>>();
}
