using Hyperfleet.Contracts.Ports;
using Hyperfleet.Core.Networking;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Hosting;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hyperfleet.Server.Api.Hypervisors;

/// <summary><c>GET /api/v1/hypervisors/{id}/ports</c>: the seed's port table and firewall commands, made true for Hyperfleet.</summary>
public static class PortsApi
{
    public static RouteHandlerBuilder MapPortsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/hypervisors/{id}/ports", GetPorts).WithTags("Hypervisors")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Ports to open for this hypervisor's tunneling mode and flavour, with iptables and firewalld commands");

    public static async Task<Results<Ok<HypervisorPortsResponse>, ProblemHttpResult>> GetPorts(
        string id, HypervisorService service, IOptions<HyperfleetOptions> options, IServer server, CancellationToken ct)
    {
        var result = await service.GetAsync(id, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var settings = new PortPlanSettings
        {
            WgHypersPort = options.Value.WgHypersPort,
            DockerNet = options.Value.DockerNet,
            ApiPort = options.Value.PublicApiPort ?? ListeningPort(server) ?? PortPlanSettings.DefaultApiPort,
        };
        return TypedResults.Ok(PortPlan.For(PortPlanInput.From(result.Value!, settings)));
    }

    private static int? ListeningPort(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("*", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Port
            : null;
    }
}
