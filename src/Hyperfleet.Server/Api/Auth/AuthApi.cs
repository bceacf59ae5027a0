using Hyperfleet.Contracts.Auth;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Auth;

/// <summary><c>/api/v1/auth</c>: exchanging a user name and password for a bearer token.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/token", IssueToken).WithSummary("Get a bearer token for a user name and password")
            .Accepts<TokenRequest>("application/json");
        return group;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        HttpRequest request, TokenService tokens, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrEmpty(body!.Username) || string.IsNullOrEmpty(body.Password))
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                "Missing credentials", "Send username and password.");
        }
        var token = await tokens.IssueAsync(body.Username, body.Password, ct);
        return token is null
            ? ApiProblems.Result(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidCredentials, "Invalid credentials",
                "User name or password is wrong.")
            : TypedResults.Ok(token);
    }
}
