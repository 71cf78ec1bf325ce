using Anna.Server.Hubs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/events?after=N&amp;boot=B&amp;wait=S</c>: the live events after the N-th (the newest 500 are
/// kept), waiting up to S seconds (at most 60) for one — what <c>annactl watch</c> follows.
/// </summary>
public static class EventsApi
{
    public sealed record EventsDto(Guid Boot, long Latest, IReadOnlyList<NumberedEventDto> Events);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", ListAsync);
        return api;
    }

    public static async Task<Results<Ok<EventsDto>, ValidationProblem>> ListAsync(
        string? after, string? boot, string? wait, EventLog events, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = FollowQuery.Read(after, boot, wait, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid events query");
        var (latest, items) = await query.WaitAsync(events.Log, cancellationToken);
        return TypedResults.Ok(new EventsDto(events.Log.Boot, latest, items));
    }
}
