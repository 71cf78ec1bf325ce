using Anna.Core.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>The machine's state and open issues.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/health", GetHealth).WithName("GetHealth");
        return api;
    }

    public static Ok<HealthDto> GetHealth(HealingEngine engine) => TypedResults.Ok(HealthDto.From(engine.Health()));
}
