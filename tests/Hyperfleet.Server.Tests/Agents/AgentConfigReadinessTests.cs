using System.Net;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Server.Agents;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperfleet.Server.Tests.Agents;

/// <summary>
/// A part of the control plane that has not done its side for a host yet (the VPN node, later) holds the host's
/// configuration back: 428 with Retry-After, then 200 once it is ready.
/// </summary>
public sealed class AgentConfigReadinessTests : IAsyncLifetime
{
    private readonly Gate gate = new();
    private SqliteApiFixture fixture = null!;

    public async Task InitializeAsync()
    {
        fixture = SqliteApiFixture.With(services: s => s.AddSingleton<IAgentReadiness>(gate));
        await fixture.InitializeAsync();
    }

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Config_WhileAPartIsNotReady_Is428WithRetryAfter_ThenTheConfiguration()
    {
        using var admin = fixture.Admin();
        var token = await AgentTestHosts.CreateTokenAsync(admin);
        using var anonymous = fixture.Anonymous();
        var id = AgentTestHosts.NewId("ready");
        var registration = await (await anonymous.PostJsonAsync("/api/v1/agent/register", AgentTestHosts.Registration(token.Token, id, AgentTestHosts.NewHostKey())))
            .OkAsync<AgentRegistrationResponse>(HttpStatusCode.Created);
        using var host = fixture.WithToken(registration.Credential!);

        gate.Pending = "the VPN node has not added this host's peer yet";
        var pending = await host.GetAsync("/api/v1/agent/config");
        var problem = await pending.ProblemAsync(HttpStatusCode.PreconditionRequired, AgentProblemCodes.ConfigPending);
        Assert.Equal(TimeSpan.FromSeconds(2), pending.Headers.RetryAfter?.Delta);
        Assert.Contains("peer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        gate.Pending = null;
        Assert.Equal(id, (await (await host.GetAsync("/api/v1/agent/config")).OkAsync<AgentConfigResponse>()).Hypervisor);
    }

    private sealed class Gate : IAgentReadiness
    {
        public volatile string? Pending;

        public ValueTask<string?> PendingAsync(Hypervisor hypervisor, CancellationToken ct) => ValueTask.FromResult(Pending);
    }
}
