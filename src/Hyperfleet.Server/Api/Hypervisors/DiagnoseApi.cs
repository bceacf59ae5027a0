using Hyperfleet.Contracts.Hypervisors;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Vpn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Hypervisors;

/// <summary><c>GET /api/v1/hypervisors/{id}/diagnose</c>: the tunnel from both ends, the node's ports, the last tunnel events.</summary>
public static class DiagnoseApi
{
    public static RouteHandlerBuilder MapDiagnoseApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/hypervisors/{id}/diagnose", Diagnose).WithTags("Hypervisors")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("The hypervisor's tunnel as the VPN node and its agent see it (handshake, bytes, BFD, endpoint), the node's ports and the last tunnel events");

    public static async Task<Results<Ok<HypervisorDiagnosisResponse>, ProblemHttpResult>> Diagnose(string id, VpnDiagnosis diagnosis, CancellationToken ct)
    {
        var result = await diagnosis.DiagnoseAsync(id, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }
}
