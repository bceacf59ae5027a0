using Hyperfleet.Contracts.Storage;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Storage;

/// <summary><c>/api/v1/tasks</c>: the disk-task queue, read-only.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tasks").WithTags("Storage").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("Disk tasks, newest first (?status=queued|running|done|failed, ?limit=100)");
        group.MapGet("/{id:long}", Get).WithSummary("One disk task");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<DiskTaskResponse>>, ProblemHttpResult>> List(
        DiskTaskService service, CancellationToken ct, string? status = null, int limit = 100)
    {
        var result = await service.ListAsync(status, limit, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<DiskTaskResponse>, ProblemHttpResult>> Get(long id, DiskTaskService service, CancellationToken ct)
    {
        var result = await service.GetAsync(id, ct);
        return result.Error is { } error ? error.ToStorageProblem() : TypedResults.Ok(result.Value);
    }
}
