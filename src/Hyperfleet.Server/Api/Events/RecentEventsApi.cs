using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Hypervisors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Hyperfleet.Server.Api.Events;

/// <summary><c>GET /api/v1/events/recent</c>: the newest rows of hypervisor_events across the fleet (the audit log).</summary>
public static class RecentEventsApi
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    public static RouteHandlerBuilder MapRecentEventsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/events/recent", Recent).WithTags("Events").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Newest status changes and admin actions of all hypervisors (or of one), newest first");

    public static async Task<Ok<IReadOnlyList<HypervisorEventResponse>>> Recent(
        HyperfleetDbContext db, CancellationToken ct, int limit = DefaultLimit, string? hypervisor = null)
    {
        var query = db.HypervisorEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(hypervisor))
        {
            query = query.Where(e => e.HypervisorId == hypervisor);
        }
        var rows = await query.OrderByDescending(e => e.Id).Take(Math.Clamp(limit, 1, MaxLimit)).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<HypervisorEventResponse>>(rows.Select(e => e.ToResponse()).ToList());
    }
}
