using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Hyperfleet.Contracts.Events;
using Hyperfleet.Server.Auth;
using Hyperfleet.Server.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hyperfleet.Server.Api.Events;

/// <summary><c>GET /api/v1/events</c>: every change as server-sent events, for scripts and the UI.</summary>
public static class EventsApi
{
    public static RouteHandlerBuilder MapEventsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/events", Stream).WithTags("Events").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Server-sent events of every change (event type = kind, data = JSON); the first event, ready, confirms the subscription");

    public static ServerSentEventsResult<ChangeNotification> Stream(ChangeFeed feed, CancellationToken ct) =>
        TypedResults.ServerSentEvents(Items(feed.Subscribe(), ct));

    private static async IAsyncEnumerable<SseItem<ChangeNotification>> Items(ChangeFeed.Subscription subscription,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using (subscription)
        {
            // Sent at once so clients know they are subscribed: nothing committed after it is missed.
            yield return new SseItem<ChangeNotification>(new ChangeNotification("ready", "", null, null), "ready");
            await foreach (var change in subscription.ReadAllAsync(ct))
            {
                yield return new SseItem<ChangeNotification>(change, change.Kind);
            }
        }
    }
}
