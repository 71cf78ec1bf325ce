using Anna.Core.Engine;
using Anna.Core.Policy;
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

    public static Ok<HealthDto> GetHealth(HealingEngine engine, HealingSwitch healing, IHealingConfig config, TimeProvider time) =>
        TypedResults.Ok(HealthDto.From(engine.Health(), HealingStatusDto.From(healing, config.Current, time)));
}
