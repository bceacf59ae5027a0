using System.Security.Claims;
using Hyperfleet.Contracts.Users;
using Hyperfleet.Server.Api.Hypervisors;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Users;

/// <summary><c>/api/v1/users</c>: the admin's list of accounts (admins and the users who own desktops).</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("List users with their role and how many desktops they own");
        group.MapPost("/", Create).WithSummary("Create a user (role user or admin)").Accepts<CreateUserRequest>("application/json");
        group.MapDelete("/{username}", Delete)
            .WithSummary("Delete a user and revoke their tokens (not yourself, not the last admin, not while they own desktops)");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<UserResponse>>> List(UserService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Create(HttpRequest request, UserService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateUserRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.CreateAsync(body!, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Created($"/api/v1/users/{result.Value!.Username}", result.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string username, UserService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await service.DeleteAsync(username, Actor.Of(user), ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }
}
