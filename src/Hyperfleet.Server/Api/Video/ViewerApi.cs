using System.Security.Claims;
using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Video;
using Hyperfleet.Server.Api.Json;
using Hyperfleet.Server.Api.Problems;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Hyperfleet.Server.Video;
using Hyperfleet.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Video;

/// <summary>
/// The video path's routes: a viewer ticket for a desktop (its owner or an admin), the viewer sessions (admins),
/// the ticket key proxies verify with, and proxies' session reports.
/// </summary>
public static class ViewerApi
{
    public static IEndpointRouteBuilder MapViewerApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/desktops/{id}/viewer", Open).WithTags("Desktops").RequireAuthorization()
            .WithSummary("A single-use viewer ticket (valid seconds) and a fresh display password: a noVNC URL (browser) or a .vv file (spice)")
            .Accepts<ViewerRequest>("application/json");

        var sessions = app.MapGroup("/api/v1/viewer-sessions").WithTags("Viewer sessions")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        sessions.MapGet("/", List).WithSummary("Viewer sessions, newest first: who viewed what, from where, bytes, duration");
        sessions.MapPost("/{id}/cut", Cut).WithSummary("Close a viewer session (its proxy closes the connection within a second or so)");

        app.MapGet("/api/v1/video/ticket-key", TicketKey).WithTags("Video").AllowAnonymous()
            .WithSummary("The public key viewer tickets are verified with (PEM); it cannot sign");
        // The central proxy reports in process; a hypervisor's own proxy reports with that hypervisor's credential.
        var proxies = app.MapGroup("/api/v1/video/proxies/{proxy}").WithTags("Video")
            .RequireAuthorization(AuthServiceCollectionExtensions.HypervisorPolicy);
        proxies.MapPost("/report", Report).WithSummary("A video proxy's sessions (open, bytes, ended); the answer lists those to cut")
            .Accepts<ProxyReportRequest>("application/json");
        proxies.MapGet("/config", Config)
            .WithSummary("A hypervisor's own proxy's settings: the display hosts its tickets name, the ports it may dial, the ticket key");
        return app;
    }

    public static async Task<Results<Ok<ViewerResponse>, ProblemHttpResult>> Open(
        string id, HttpRequest request, ViewerService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ViewerRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        var result = await service.OpenAsync(id, body!.Protocol, user, request.Host.Host, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Ok<IReadOnlyList<ViewerSessionResponse>>> List(ViewerSessionLedger ledger, CancellationToken ct,
        string? status = null, string? desktop = null, int limit = 100) =>
        TypedResults.Ok(await ledger.ListAsync(status, desktop, limit, ct));

    public static async Task<Results<Ok<ViewerSessionResponse>, ProblemHttpResult>> Cut(string id, ViewerSessionLedger ledger, CancellationToken ct)
    {
        var result = await ledger.CutAsync(id, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static IResult TicketKey(TicketSigningKey key) => TypedResults.Text(key.PublicKeyPem, "application/x-pem-file");

    public static async Task<Results<Ok<ProxyReportResponse>, ProblemHttpResult>> Report(
        string proxy, HttpRequest request, ViewerSessionLedger ledger, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!HypervisorPrincipal.MayActFor(user, proxy))
        {
            return NotThisProxy();
        }
        var (body, problem) = await JsonBody.ReadAsync<ProxyReportRequest>(request);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Ok(await ledger.ReportAsync(proxy, body!, ct));
    }

    public static async Task<Results<Ok<VideoProxyConfigResponse>, ProblemHttpResult>> Config(
        string proxy, HttpRequest request, HyperfleetDbContext db, TicketSigningKey key, IOptions<VideoProxyOptions> options, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!HypervisorPrincipal.MayActFor(user, proxy))
        {
            return NotThisProxy();
        }
        var hypervisor = await db.Hypervisors.AsNoTracking().SingleOrDefaultAsync(h => h.Id == proxy, ct);
        if (hypervisor is null)
        {
            return ServiceError.NotFound(proxy).ToProblem();
        }
        // Pages come from the control plane, never from the hypervisor: with no origins set, the one its proxy reaches us at.
        var origins = string.IsNullOrWhiteSpace(options.Value.AllowedOrigins) ? $"{request.Scheme}://{request.Host}" : options.Value.AllowedOrigins;
        return TypedResults.Ok(new VideoProxyConfigResponse(hypervisor.Id, [ViewerRoute.DisplayHostOf(hypervisor)],
            options.Value.AllowedPorts, key.PublicKeyPem, origins));
    }

    private static ProblemHttpResult NotThisProxy() =>
        ApiProblems.Result(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Not this proxy's credential",
            "A hypervisor's credential acts only for that hypervisor's own video proxy.");
}
