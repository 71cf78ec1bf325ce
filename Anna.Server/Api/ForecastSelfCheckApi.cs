using System.Globalization;
using Anna.Core.Prediction;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/forecast/self-check?recent=N</c>: how past forecasts turned out — hits, misses,
/// averted and pending, the hit rate, and the newest N judged (default 10, at most
/// <see cref="ForecastCheck.MaxJudged"/>) — so a reader knows how far to trust the forecasts in
/// <c>GET /api/v1/forecast</c>.
/// </summary>
public static class ForecastSelfCheckApi
{
    public const int DefaultRecent = 10;

    public static IEndpointRouteBuilder MapForecastSelfCheckApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/forecast/self-check", Get).WithName("GetForecastSelfCheck");
        return api;
    }

    public static Results<Ok<ForecastSelfCheckDto>, ValidationProblem> Get(string? recent, ForecastCheck check)
    {
        var count = DefaultRecent;
        if (recent is not null && (!int.TryParse(recent, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > ForecastCheck.MaxJudged))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["recent"] = [$"recent must be a whole number from 0 to {ForecastCheck.MaxJudged}"] },
                title: "Invalid forecast self-check query");
        }
        return TypedResults.Ok(ForecastSelfCheckDto.From(check.Summary(count)));
    }
}
