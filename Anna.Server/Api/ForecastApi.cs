using Anna.Core.Prediction;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/forecast</c>: capacity planning — every series Anna forecasts, where it stands,
/// and, where the trend is confident, when it reaches critical at this rate.
/// </summary>
public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/forecast", Get).WithName("GetForecast");
        return api;
    }

    public static Ok<List<ForecastDto>> Get(ForecastWatch watch) => TypedResults.Ok(watch.Current().Select(ForecastDto.From).ToList());
}
