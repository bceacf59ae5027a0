using System.Security.Claims;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Hypervisors;

/// <summary><c>/api/v1/hypervisors</c>: the admin's registry of hypervisors.</summary>
public static class HypervisorsApi
{
    public static RouteGroupBuilder MapHypervisorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/hypervisors").WithTags("Hypervisors").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("List hypervisors");
        group.MapPost("/", Add).WithSummary("Add a hypervisor (disabled, Offline)").Accepts<AddHypervisorRequest>("application/json");
        group.MapGet("/{id}", Get).WithSummary("Get one hypervisor");
        group.MapPatch("/{id}", Edit).WithSummary("Edit a hypervisor that is not Online").Accepts<EditHypervisorRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithSummary("Delete (→ Deleting) or, with force=true, remove now");
        group.MapPost("/{id}/enable", Enable).WithSummary("Enable: the engine connects to it");
        group.MapPost("/{id}/disable", Disable).WithSummary("Disable: no new placements, the engine disconnects");
        group.MapGet("/{id}/events", Events).WithSummary("Status history and audit entries of one hypervisor, newest first");
        group.MapPost("/{id}/credential", IssueCredential)
            .WithSummary("A credential that acts only for this hypervisor (its own video proxy); shown once, replaces the previous one");
        group.MapDelete("/{id}/credential", RevokeCredential).WithSummary("Revoke this hypervisor's credential");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<HypervisorResponse>>> List(HypervisorService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Get(string id, HypervisorService service, CancellationToken ct)
    {
        var result = await service.GetAsync(id, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<HypervisorResponse>, ProblemHttpResult>> Add(
        HttpRequest request, HypervisorService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddHypervisorRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.AddAsync(body!, Actor.Of(user), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Created($"/api/v1/hypervisors/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Edit(
        string id, HttpRequest request, HypervisorService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<EditHypervisorRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.EditAsync(id, body!, Actor.Of(user), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Enable(
        string id, HypervisorService service, ClaimsPrincipal user, CancellationToken ct) =>
        Respond(await service.SetEnabledAsync(id, enabled: true, Actor.Of(user), ct));

    public static async Task<Results<Ok<HypervisorResponse>, ProblemHttpResult>> Disable(
        string id, HypervisorService service, ClaimsPrincipal user, CancellationToken ct) =>
        Respond(await service.SetEnabledAsync(id, enabled: false, Actor.Of(user), ct));

    public static async Task<Results<Accepted<HypervisorResponse>, NoContent, ProblemHttpResult>> Delete(
        string id, HypervisorService service, ClaimsPrincipal user, CancellationToken ct, bool force = false)
    {
        var result = await service.DeleteAsync(id, force, Actor.Of(user), ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return result.Value is null ? TypedResults.NoContent() : TypedResults.Accepted($"/api/v1/hypervisors/{id}", result.Value);
    }

    public static async Task<Results<Ok<IReadOnlyList<HypervisorEventResponse>>, ProblemHttpResult>> Events(
        string id, HypervisorService service, CancellationToken ct, int limit = 100)
    {
        var result = await service.EventsAsync(id, Math.Clamp(limit, 1, 1000), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<HypervisorCredentialResponse>, ProblemHttpResult>> IssueCredential(
        string id, HypervisorCredentials credentials, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await credentials.IssueAsync(id, Actor.Of(user), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Created($"/api/v1/hypervisors/{id}/credential", result.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeCredential(
        string id, HypervisorCredentials credentials, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await credentials.RevokeAsync(id, Actor.Of(user), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    private static Results<Ok<HypervisorResponse>, ProblemHttpResult> Respond(ServiceResult<HypervisorResponse> result) =>
        result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
}
