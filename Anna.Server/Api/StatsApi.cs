using Anna.Core.History;
using Anna.Core.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>GET /api/v1/stats: the figures of the dashboard's Stats page, from the same read.</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/stats", GetAsync).WithName("GetStats");
        return api;
    }

    public static async Task<Ok<StatsDto>> GetAsync(IHistoryStore history, TimeProvider time, CancellationToken cancellationToken)
    {
        var read = await StatisticsRead.ReadAsync(history, time.GetUtcNow(), time.LocalTimeZone, cancellationToken);
        return TypedResults.Ok(StatsDto.From(read));
    }
}
