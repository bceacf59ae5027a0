using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Storage;

/// <summary><c>/api/v1/pools</c>: storage pools and which hypervisors mount them.</summary>
public static class PoolsApi
{
    public static RouteGroupBuilder MapPoolsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pools").WithTags("Storage").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("List storage pools");
        group.MapPost("/", Add).WithSummary("Add a storage pool").Accepts<AddPoolRequest>("application/json");
        group.MapGet("/{id}", Get).WithSummary("Get one storage pool");
        group.MapPatch("/{id}", Edit).WithSummary("Edit a pool's name, members, or (while empty) its paths").Accepts<EditPoolRequest>("application/json");
        group.MapDelete("/{id}", Delete).WithSummary("Delete an unused pool");
        group.MapPost("/{id}/check", Check).WithSummary("Check over SSH, on every Online disk-capable member, that each directory exists and is writable");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<PoolResponse>>> List(StoragePoolService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> Get(string id, StoragePoolService service, CancellationToken ct)
    {
        var result = await service.GetAsync(id, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<PoolResponse>, ProblemHttpResult>> Add(HttpRequest request, StoragePoolService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddPoolRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.AddAsync(body!, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Created($"/api/v1/pools/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> Edit(string id, HttpRequest request, StoragePoolService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<EditPoolRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.EditAsync(id, body!, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, StoragePoolService service, CancellationToken ct)
    {
        var result = await service.DeleteAsync(id, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PoolCheckResponse>, ProblemHttpResult>> Check(string id, PoolChecker checker, CancellationToken ct)
    {
        var result = await checker.CheckAsync(id, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Ok(result.Value);
    }
}
