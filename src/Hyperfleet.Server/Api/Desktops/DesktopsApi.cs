using System.Security.Claims;
using Hyperfleet.Contracts.Desktops;
using Hyperfleet.Server.Api.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Desktops;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Desktops;

/// <summary><c>/api/v1/desktops</c>: create, start, stop, resize and delete desktops on the fleet.</summary>
public static class DesktopsApi
{
    public static RouteGroupBuilder MapDesktopsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/desktops").WithTags("Desktops").RequireAuthorization(AuthServiceCollectionExtensions.DesktopUserPolicy);
        // Plain users reach list, get, start and stop, each narrowed to their own desktops by DesktopAccess; the rest is the admin's.
        const string admin = AuthServiceCollectionExtensions.AdminPolicy;
        group.MapGet("/", List).WithSummary("List desktops (optionally those recorded on one hypervisor)");
        group.MapPost("/", Create).RequireAuthorization(admin).WithSummary("Create a desktop: Creating until its disk (an overlay of a Ready template) exists, then Stopped")
            .Accepts<CreateDesktopRequest>("application/json");
        group.MapGet("/{id}", Get).WithSummary("Get one desktop");
        group.MapDelete("/{id}", Delete).RequireAuthorization(admin).WithSummary("Delete a Stopped or Failed desktop: Deleting until its disk is removed");
        group.MapPost("/{id}/start", Start).WithSummary("Place it on a hypervisor and start it (Starting, then Started or Failed)");
        group.MapPost("/{id}/stop", Stop).WithSummary("Stop it: ACPI shutdown, destroyed after the timeout; force=true destroys now");
        group.MapPost("/{id}/resize", Resize).RequireAuthorization(admin).WithSummary("Grow a Stopped desktop's disk to size_gib: Updating until the disk task is done, then Stopped")
            .Accepts<ResizeDiskRequest>("application/json");
        app.MapPost("/api/v1/hypervisors/{id}/stop-desktops", StopAllOn).WithTags("Hypervisors")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Stop every desktop recorded on the hypervisor (force=true destroys them)");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<DesktopResponse>>> List(
        DesktopService service, ClaimsPrincipal user, CancellationToken ct, string? hypervisor = null) =>
        TypedResults.Ok(await service.ListAsync(hypervisor, user, ct));

    public static async Task<Results<Ok<DesktopResponse>, ProblemHttpResult>> Get(
        string id, DesktopService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await service.GetAsync(id, user, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<DesktopResponse>, ProblemHttpResult>> Create(
        HttpRequest request, DesktopService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateDesktopRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.CreateAsync(body!, Actor.Of(user), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Created($"/api/v1/desktops/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Accepted<DesktopResponse>, ProblemHttpResult>> Start(
        string id, DesktopService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (result, refusals) = await service.StartAsync(id, user, ct);
        if (result.Error is { } error)
        {
            var problem = error.ToProblem();
            if (refusals is not null)
            {
                problem.ProblemDetails.Extensions["refusals"] = refusals;
            }
            return problem;
        }
        return TypedResults.Accepted($"/api/v1/desktops/{id}", result.Value);
    }

    public static async Task<Results<Accepted<DesktopResponse>, ProblemHttpResult>> Stop(
        string id, DesktopService service, ClaimsPrincipal user, CancellationToken ct, bool force = false) =>
        Accepted(id, await service.StopAsync(id, force, user, ct));

    public static async Task<Results<Accepted<DesktopResponse>, ProblemHttpResult>> Resize(string id, HttpRequest request, DesktopService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResizeDiskRequest>(request);
        return problem ?? Accepted(id, await service.ResizeAsync(id, body!, ct));
    }

    public static async Task<Results<Accepted<DesktopResponse>, ProblemHttpResult>> Delete(string id, DesktopService service, CancellationToken ct) =>
        Accepted(id, await service.DeleteAsync(id, ct));

    public static async Task<Results<Accepted<StopDesktopsResponse>, ProblemHttpResult>> StopAllOn(
        string id, DesktopService service, CancellationToken ct, bool force = false)
    {
        var result = await service.StopAllOnAsync(id, force, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Accepted($"/api/v1/desktops?hypervisor={id}", result.Value);
    }

    private static Results<Accepted<DesktopResponse>, ProblemHttpResult> Accepted(string id, ServiceResult<DesktopResponse> result) =>
        result.Error is { } error ? error.ToProblem() : TypedResults.Accepted($"/api/v1/desktops/{id}", result.Value);
}
