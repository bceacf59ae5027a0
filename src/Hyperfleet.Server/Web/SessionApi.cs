using System.Security.Claims;
using Hyperfleet.Contracts.Auth;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Web;

/// <summary><c>/api/v1/auth/login|logout|me</c>: the web UI's cookie session, over the same tokens as the CLI's.</summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().Accepts<TokenRequest>("application/json")
            .WithSummary("Log in the web UI: sets an HttpOnly, SameSite=Strict session cookie");
        group.MapPost("/logout", Logout).AllowAnonymous()
            .WithSummary("Log out the web UI: revokes the session's token and clears the cookie");
        group.MapGet("/me", Me).RequireAuthorization().WithSummary("Who the current credential belongs to");
        return group;
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Login(
        HttpContext context, TokenService tokens, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrEmpty(body!.Username) || string.IsNullOrEmpty(body.Password))
        {
            var errors = new List<FieldError>();
            if (string.IsNullOrEmpty(body.Username))
            {
                errors.Add(new FieldError("username", "required", "Enter your user name."));
            }
            if (string.IsNullOrEmpty(body.Password))
            {
                errors.Add(new FieldError("password", "required", "Enter your password."));
            }
            return ApiProblems.Result(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
                "Missing credentials", "Send username and password.", errors);
        }
        var token = await tokens.IssueAsync(body.Username, body.Password, ct);
        var user = token is null ? null : await tokens.ResolveAsync(token.Token, ct);
        if (token is null || user is null)
        {
            return ApiProblems.Result(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidCredentials, "Invalid credentials",
                "User name or password is wrong.");
        }
        SessionCookie.Append(context, token.Token, token.ExpiresAt);
        return TypedResults.Ok(new SessionResponse(user.Username, user.Role, token.ExpiresAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Logout(
        HttpContext context, HyperfleetDbContext db, CancellationToken ct)
    {
        var token = SessionCookie.Read(context.Request);
        if (token is not null && !SessionCookie.PassesCsrfCheck(context.Request))
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, SessionCookie.CsrfCode, "Missing CSRF header",
                $"Send '{SessionCookie.CsrfHeader}: 1'.");
        }
        if (token is not null)
        {
            var hash = TokenService.HashToken(token);
            await db.ApiTokens.Where(t => t.TokenHash == hash).ExecuteDeleteAsync(ct);
        }
        SessionCookie.Delete(context);
        return TypedResults.NoContent();
    }

    public static Ok<SessionResponse> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new SessionResponse(user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "", null));
}
