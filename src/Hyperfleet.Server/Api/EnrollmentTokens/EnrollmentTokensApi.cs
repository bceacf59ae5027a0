using System.Security.Claims;
using Hyperfleet.Contracts.EnrollmentTokens;
using Hyperfleet.Server.Agents;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Api.EnrollmentTokens;

/// <summary><c>/api/v1/enrollment-tokens</c>: the tokens with which hosts register themselves (admins only).</summary>
public static class EnrollmentTokensApi
{
    public static RouteGroupBuilder MapEnrollmentTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enrollment-tokens").WithTags("Enrollment tokens")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapPost("/", Create).WithSummary("Create a token; the answer holds the token and the join command, once")
            .Accepts<CreateEnrollmentTokenRequest>("application/json");
        group.MapGet("/", List).WithSummary("Tokens, newest first, with their state and uses (never the secret)");
        group.MapDelete("/{id}", Revoke).WithSummary("Revoke a token: it registers no more hosts (hosts it registered stay)");
        return group;
    }

    public static async Task<Results<Created<EnrollmentTokenResponse>, ProblemHttpResult>> Create(
        HttpRequest request, Agents.EnrollmentTokens tokens, ClaimsPrincipal user, IServer addresses, IOptions<AgentSettings> settings,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateEnrollmentTokenRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var server = JoinServer(request, addresses.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], settings.Value.JoinUrl);
        var result = await tokens.CreateAsync(body!, Actor.Of(user), server, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Created($"/api/v1/enrollment-tokens/{result.Value!.Id}", result.Value);
    }

    /// <summary>
    /// Where hosts reach the control plane: the configured join URL, else an https address it listens on (agents speak
    /// only https), else the address the admin used.
    /// </summary>
    internal static Uri JoinServer(HttpRequest request, ICollection<string> listening, string? configured)
    {
        if (configured is not null)
        {
            return new Uri(configured);
        }
        if (request.IsHttps)
        {
            return new Uri($"{request.Scheme}://{request.Host}");
        }
        var https = listening.Select(a => new Uri(a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)))
            .FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps && !u.IsLoopback);
        if (https is null)
        {
            return new Uri($"{request.Scheme}://{request.Host}");
        }
        var host = https.Host is "0.0.0.0" or "[::]" ? System.Net.Dns.GetHostName() : https.Host;
        return new UriBuilder(https) { Host = host }.Uri;
    }

    public static async Task<Ok<IReadOnlyList<EnrollmentTokenResponse>>> List(Agents.EnrollmentTokens tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(ct));

    public static async Task<Results<Ok<EnrollmentTokenResponse>, ProblemHttpResult>> Revoke(string id, Agents.EnrollmentTokens tokens, CancellationToken ct)
    {
        var result = await tokens.RevokeAsync(id, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }
}
