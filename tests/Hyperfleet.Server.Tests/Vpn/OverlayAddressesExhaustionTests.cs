using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Tests.Agents;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>
/// A full overlay network refuses new hosts with a stable code and spends nothing, while the hosts on it keep
/// registering. SQLite only: the fixture that sets <c>Hyperfleet:Vpn:Network</c> is SQLite's (PostgresApiFixture takes
/// no settings), and no provider-specific query is involved.
/// </summary>
public sealed class OverlayAddressesExhaustionTests : IAsyncLifetime
{
    private readonly SmallOverlayFixture fixture = new("100.72.0.0/29");

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Register_OnAFullSlash29_Is409VpnAddressesExhausted_AndSpendsNothing()
    {
        using var admin = fixture.Admin();
        // A /29 holds the node (.1) and five hosts (.2–.6); .0 and .7 are the network and broadcast addresses.
        var hosts = new List<(string Id, HttpClient Host, string HostKey, string WgKey)>();
        for (var i = 0; i < 5; i++)
        {
            var id = AgentTestHosts.NewId("full");
            var wgKey = WireGuardKeys.Generate().PublicKey;
            var (registration, host, hostKey) = await VpnTestHosts.RegisterAsync(fixture, id, wgKey);
            Assert.Equal($"100.72.0.{i + 2}", registration.Hypervisor.Vpn!.Address);
            hosts.Add((id, host, hostKey, wgKey));
        }
        try
        {
            var token = await AgentTestHosts.CreateTokenAsync(admin);
            var rows = await fixture.WithDbAsync(db => db.Hypervisors.CountAsync());
            var events = await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync());
            using var anonymous = fixture.Anonymous();
            var sixth = AgentTestHosts.NewId("sixth");
            var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/register",
                    VpnTestHosts.Registration(token.Token, sixth, AgentTestHosts.NewHostKey(), WireGuardKeys.Generate().PublicKey)))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.VpnAddressesExhausted);
            Assert.Contains("100.72.0.0/29", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(rows, await fixture.WithDbAsync(db => db.Hypervisors.CountAsync()));
            Assert.Equal(events, await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync()));
            Assert.Equal(0, await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == token.Id).Select(t => t.Uses).SingleAsync()));

            // A host already on the full network comes back with its address.
            var (id, host, hostKey, wgKey) = hosts[^1];
            var again = await (await host.PostJsonAsync("/api/v1/agent/register", VpnTestHosts.Registration(null, id, hostKey, wgKey)))
                .OkAsync<AgentRegistrationResponse>();
            Assert.Equal("100.72.0.6", again.Hypervisor.Vpn!.Address);

            // One leaves: the next host gets its address.
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/hypervisors/{hosts[1].Id}?force=true")).StatusCode);
            var (late, lateHost, _) = await VpnTestHosts.RegisterAsync(fixture, sixth, WireGuardKeys.Generate().PublicKey);
            using (lateHost)
            {
                Assert.Equal("100.72.0.3", late.Hypervisor.Vpn!.Address);
            }
        }
        finally
        {
            foreach (var (_, host, _, _) in hosts)
            {
                host.Dispose();
            }
        }
    }
}
