using System.Globalization;
using System.Security.Claims;
using Hyperfleet.Contracts.Agent;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Agents;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Api.Agent;

/// <summary>
/// <c>/api/v1/agent</c>: a host's agent. Registration takes an enrollment token (or the host's credential); every other
/// route takes only a hypervisor's own credential and acts on that hypervisor, never on another, never as an admin.
/// </summary>
public static class AgentApi
{
    public static RouteGroupBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agent").WithTags("Agent");
        // The token in the body is the credential here; a registered host may present its own instead.
        group.MapPost("/register", Register).AllowAnonymous()
            .WithSummary("Register this host as a hypervisor (disabled, Offline) with an enrollment token or its credential")
            .Accepts<AgentRegistrationRequest>("application/json");
        var own = group.MapGroup("/").RequireAuthorization(AuthServiceCollectionExtensions.AgentPolicy);
        own.MapGet("/config", Config).WithSummary("This host's configuration; 428 with Retry-After until the control plane's side is ready");
        own.MapPost("/enable", Enable).WithSummary("Report self-checks; when all pass, the host enables itself")
            .Accepts<AgentChecksRequest>("application/json");
        own.MapPost("/heartbeat", Heartbeat).WithSummary("Report the agent's version and checks").Accepts<AgentChecksRequest>("application/json");
        own.MapPost("/vlans", Vlans).WithSummary("Report the VLANs on the host's trunk (static list or found by listening); each is interface v<id>")
            .Accepts<AgentVlansRequest>("application/json");
        own.MapDelete("/", Deregister).WithSummary("Clean stop: disabled, Offline, reason agent_stopped; the row, history and desktops stay");
        return group;
    }

    public static async Task<Results<Ok<AgentRegistrationResponse>, Created<AgentRegistrationResponse>, ProblemHttpResult>> Register(
        HttpRequest request, AgentRegistrations registrations, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AgentRegistrationRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await registrations.RegisterAsync(body!, HypervisorPrincipal.HypervisorOf(user), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return result.Value!.Created
            ? TypedResults.Created($"/api/v1/hypervisors/{result.Value.Hypervisor.Id}", result.Value)
            : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<AgentConfigResponse>, ProblemHttpResult>> Config(
        AgentService agents, ClaimsPrincipal user, HttpResponse response, IOptions<AgentSettings> settings, CancellationToken ct)
    {
        var result = await agents.ConfigAsync(Own(user), ct);
        if (result.Error is { Kind: ServiceErrorKind.NotReady })
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(settings.Value.ConfigRetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Enable(
        HttpRequest request, AgentService agents, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AgentChecksRequest>(request);
        return problem ?? Respond(await agents.EnableAsync(Own(user), body!, ct));
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Heartbeat(
        HttpRequest request, AgentService agents, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AgentChecksRequest>(request);
        return problem ?? Respond(await agents.HeartbeatAsync(Own(user), body!, ct));
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Vlans(
        HttpRequest request, AgentService agents, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AgentVlansRequest>(request);
        return problem ?? Respond(await agents.VlansAsync(Own(user), body!, ct));
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Deregister(
        AgentService agents, ClaimsPrincipal user, CancellationToken ct) =>
        Respond(await agents.DeregisterAsync(Own(user), ct));

    // The policy admits hypervisor credentials only, so there is always one.
    private static string Own(ClaimsPrincipal user) => HypervisorPrincipal.HypervisorOf(user)!;

    private static Results<Ok<HypervisorResponse>, ProblemHttpResult> Respond(ServiceResult<HypervisorResponse> result) =>
        result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
}
