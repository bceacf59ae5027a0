using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Core.Overlay;
using Hyperfleet.Server.Tests.Agents;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Tests.Vpn;

/// <summary>
/// A registering host gets the first free overlay address after the node's, keeps it on every later registration, and
/// a new WireGuard key replaces the old one in its history; a malformed key changes nothing. Each test starts on an
/// empty database, since which address is "first free" depends on every host registered before.
/// </summary>
public abstract class OverlayAddressesTests(Func<ApiFixture> create) : IAsyncLifetime
{
    private ApiFixture fixture = null!;

    public async Task InitializeAsync()
    {
        fixture = create();
        await fixture.InitializeAsync();
    }

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Register_TwoHosts_GetTheFirstAddressesAfterTheNodesInOrder()
    {
        using var admin = fixture.Admin();
        var first = AgentTestHosts.NewId("first");
        var second = AgentTestHosts.NewId("second");
        var (one, host1, _) = await VpnTestHosts.RegisterAsync(fixture, first, WireGuardKeys.Generate().PublicKey);
        var (two, host2, _) = await VpnTestHosts.RegisterAsync(fixture, second, WireGuardKeys.Generate().PublicKey);
        using (host1)
        using (host2)
        {
            Assert.Equal("100.72.0.2", one.Hypervisor.Vpn!.Address);
            Assert.Equal("100.72.0.3", two.Hypervisor.Vpn!.Address);
            var shown = await (await admin.GetAsync($"/api/v1/hypervisors/{second}")).OkAsync<HypervisorResponse>();
            Assert.Equal("100.72.0.3", shown.Vpn!.Address);
            var assigned = Assert.Single(await VpnTestHosts.EventsAsync(admin, first), e => e.Kind == "vpn_address");
            Assert.Contains("100.72.0.2", assigned.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Register_AgainWithItsCredential_KeepsItsAddressEvenWhenALowerOneIsFree()
    {
        using var admin = fixture.Admin();
        var gone = AgentTestHosts.NewId("gone");
        var id = AgentTestHosts.NewId("keeps");
        var wgKey = WireGuardKeys.Generate().PublicKey;
        var (_, goneHost, _) = await VpnTestHosts.RegisterAsync(fixture, gone, WireGuardKeys.Generate().PublicKey);
        var (first, host, hostKey) = await VpnTestHosts.RegisterAsync(fixture, id, wgKey);
        using (goneHost)
        using (host)
        {
            // The host below it leaves: its address is the first free one now, and still not this host's to take.
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/hypervisors/{gone}?force=true")).StatusCode);

            var again = await (await host.PostJsonAsync("/api/v1/agent/register", VpnTestHosts.Registration(null, id, hostKey, wgKey)))
                .OkAsync<AgentRegistrationResponse>();
            Assert.False(again.Created);
            Assert.Equal(first.Hypervisor.Vpn!.Address, again.Hypervisor.Vpn!.Address);
            Assert.Equal(wgKey, again.Hypervisor.Vpn.WgPublicKey);
            var events = await VpnTestHosts.EventsAsync(admin, id);
            Assert.Single(events, e => e.Kind == "vpn_address");
            Assert.Single(events, e => e.Kind == "wg_key");
            Assert.Equal(2, events.Count(e => e.Kind == "registered"));
        }
    }

    [Fact]
    public async Task Register_AgainWithANewWgKey_ReplacesTheKeyKeepsTheAddress_AndRecordsTheChange()
    {
        using var admin = fixture.Admin();
        var id = AgentTestHosts.NewId("rekey");
        var oldKey = WireGuardKeys.Generate().PublicKey;
        var newKey = WireGuardKeys.Generate().PublicKey;
        var (first, host, hostKey) = await VpnTestHosts.RegisterAsync(fixture, id, oldKey);
        using (host)
        {
            var again = await (await host.PostJsonAsync("/api/v1/agent/register", VpnTestHosts.Registration(null, id, hostKey, newKey)))
                .OkAsync<AgentRegistrationResponse>();
            Assert.Equal(newKey, again.Hypervisor.Vpn!.WgPublicKey);
            Assert.Equal(first.Hypervisor.Vpn!.Address, again.Hypervisor.Vpn.Address);
            var events = await VpnTestHosts.EventsAsync(admin, id);
            var keys = events.Where(e => e.Kind == "wg_key").ToList();
            Assert.Equal(2, keys.Count);
            Assert.Contains($"{oldKey} → {newKey}", keys.MaxBy(e => e.Id)!.Detail, StringComparison.Ordinal);
            Assert.Single(events, e => e.Kind == "vpn_address");
        }
    }

    [Fact]
    public async Task Register_WithAMalformedWgKey_Is400WgKeyInvalid_AndChangesNothing()
    {
        using var admin = fixture.Admin();
        var token = await AgentTestHosts.CreateTokenAsync(admin);
        var events = await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync());
        using var anonymous = fixture.Anonymous();
        var zeros = Convert.ToBase64String(new byte[WireGuardKeys.KeySize]);
        var malformed = new[]
        {
            "not a key",
            "",
            Convert.ToBase64String(new byte[31]), // a byte short
            Convert.ToBase64String(new byte[33]), // a byte long
            zeros[..42] + "B=", // 32 bytes, but with stray bits in the padding: wg refuses it
            WireGuardKeys.Generate().PublicKey.TrimEnd('='), // unpadded
        };
        foreach (var key in malformed)
        {
            var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/register",
                    VpnTestHosts.Registration(token.Token, AgentTestHosts.NewId("badwg"), AgentTestHosts.NewHostKey(), key)))
                .ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
            Assert.Equal([AgentProblemCodes.WgKeyInvalid], problem.ErrorCodes());
        }
        Assert.Equal(0, await fixture.WithDbAsync(db => db.Hypervisors.CountAsync()));
        Assert.Equal(events, await fixture.WithDbAsync(db => db.HypervisorEvents.CountAsync()));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == token.Id).Select(t => t.Uses).SingleAsync()));

        // A registered host sending a malformed key keeps the key it has.
        var id = AgentTestHosts.NewId("keepwg");
        var wgKey = WireGuardKeys.Generate().PublicKey;
        var (_, host, hostKey) = await VpnTestHosts.RegisterAsync(fixture, id, wgKey);
        using (host)
        {
            await (await host.PostJsonAsync("/api/v1/agent/register", VpnTestHosts.Registration(null, id, hostKey, "not a key")))
                .ProblemAsync(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
            var kept = await (await admin.GetAsync($"/api/v1/hypervisors/{id}")).OkAsync<HypervisorResponse>();
            Assert.Equal(wgKey, kept.Vpn!.WgPublicKey);
            Assert.Single(await VpnTestHosts.EventsAsync(admin, id), e => e.Kind == "wg_key");
        }
    }

    [Fact]
    public async Task Register_WithAnotherHostsWgKey_Is409WgKeyInUse_AndChangesNothing()
    {
        // A cloned host image carries its source's key: one key is one peer, so the clone is refused, not given the tunnel.
        using var admin = fixture.Admin();
        var wgKey = WireGuardKeys.Generate().PublicKey;
        var (_, original, _) = await VpnTestHosts.RegisterAsync(fixture, AgentTestHosts.NewId("original"), wgKey);
        using (original)
        {
            var token = await AgentTestHosts.CreateTokenAsync(admin);
            var clone = AgentTestHosts.NewId("clone");
            using var anonymous = fixture.Anonymous();
            var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/register",
                    VpnTestHosts.Registration(token.Token, clone, AgentTestHosts.NewHostKey(), wgKey)))
                .ProblemAsync(HttpStatusCode.Conflict, AgentProblemCodes.WgKeyInUse);
            Assert.Contains("wireguard.key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/hypervisors/{clone}")).StatusCode);
            Assert.Equal(0, await fixture.WithDbAsync(db => db.EnrollmentTokens.Where(t => t.Id == token.Id).Select(t => t.Uses).SingleAsync()));
        }
    }
}

[Collection("sqlite")]
public sealed class OverlayAddressesTestsOnSqlite() : OverlayAddressesTests(() => new SqliteApiFixture());

[Collection("postgres")]
public sealed class OverlayAddressesTestsOnPostgres() : OverlayAddressesTests(() => new PostgresApiFixture());
