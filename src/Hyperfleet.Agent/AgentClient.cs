using System.Net.Http.Json;
using Hyperfleet.Contracts;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Video.ControlPlane;

namespace Hyperfleet.Agent;

/// <summary>The agent's routes of the API (<c>/api/v1/agent</c>), over the pinned channel of a <see cref="ControlPlaneClient"/>.</summary>
public sealed class AgentClient(ControlPlaneClient client)
{
    public ControlPlaneClient ControlPlane => client;

    public async Task<AgentRegistrationResponse> RegisterAsync(AgentRegistrationRequest request, CancellationToken ct)
    {
        using var response = await client.Http.PostAsJsonAsync("api/v1/agent/register", request, WireJson.Options, ct);
        return await ControlPlaneClient.ReadAsync<AgentRegistrationResponse>(response, ct);
    }

    /// <exception cref="ControlPlaneException">428 (<c>config_pending</c>, with <see cref="ControlPlaneException.RetryAfter"/>) until ready.</exception>
    public async Task<AgentConfigResponse> ConfigAsync(CancellationToken ct)
    {
        using var response = await client.Http.GetAsync("api/v1/agent/config", ct);
        return await ControlPlaneClient.ReadAsync<AgentConfigResponse>(response, ct);
    }

    public async Task<HypervisorResponse> EnableAsync(AgentChecksRequest checks, CancellationToken ct)
    {
        using var response = await client.Http.PostAsJsonAsync("api/v1/agent/enable", checks, WireJson.Options, ct);
        return await ControlPlaneClient.ReadAsync<HypervisorResponse>(response, ct);
    }

    public async Task<HypervisorResponse> HeartbeatAsync(AgentChecksRequest checks, CancellationToken ct)
    {
        using var response = await client.Http.PostAsJsonAsync("api/v1/agent/heartbeat", checks, WireJson.Options, ct);
        return await ControlPlaneClient.ReadAsync<HypervisorResponse>(response, ct);
    }

    public async Task<HypervisorResponse> VlansAsync(AgentVlansRequest vlans, CancellationToken ct)
    {
        using var response = await client.Http.PostAsJsonAsync("api/v1/agent/vlans", vlans, WireJson.Options, ct);
        return await ControlPlaneClient.ReadAsync<HypervisorResponse>(response, ct);
    }

    public async Task<HypervisorResponse> DeregisterAsync(CancellationToken ct)
    {
        using var response = await client.Http.DeleteAsync("api/v1/agent", ct);
        return await ControlPlaneClient.ReadAsync<HypervisorResponse>(response, ct);
    }
}
