using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Storage;

/// <summary><c>/api/v1/templates</c> (bases and templates) and <c>POST /api/v1/desktops/{id}/make-template</c>.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/templates").WithTags("Storage").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("List bases and templates");
        group.MapPost("/", Create).WithSummary("Create a base (empty or imported) or a template (overlay of a base or template); 202, Creating until its disk task is done")
            .Accepts<CreateTemplateRequest>("application/json");
        group.MapGet("/{id}", Get).WithSummary("Get one base or template");
        group.MapDelete("/{id}", Delete).WithSummary("Delete an unused base or template: Deleting until its disk is gone");
        app.MapPost("/api/v1/desktops/{id}/make-template", MakeTemplate).WithTags("Storage")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Turn a stopped desktop's disk into a new template; the desktop goes on from a new overlay of it")
            .Accepts<MakeTemplateRequest>("application/json");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<TemplateResponse>>> List(TemplateService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    public static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> Get(string id, TemplateService service, CancellationToken ct)
    {
        var result = await service.GetAsync(id, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Accepted<TemplateResponse>, ProblemHttpResult>> Create(HttpRequest request, TemplateService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTemplateRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.CreateAsync(body!, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Accepted($"/api/v1/templates/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Accepted<TemplateResponse>, ProblemHttpResult>> Delete(string id, TemplateService service, CancellationToken ct)
    {
        var result = await service.DeleteAsync(id, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Accepted($"/api/v1/templates/{id}", result.Value);
    }

    public static async Task<Results<Accepted<TemplateResponse>, ProblemHttpResult>> MakeTemplate(
        string id, HttpRequest request, TemplateService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<MakeTemplateRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.MakeTemplateAsync(id, body!, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Accepted($"/api/v1/templates/{result.Value!.Id}", result.Value);
    }
}
