using Anna.Core.Engine;
using Anna.Core.Policy;
using Anna.Core.Rollback;
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

    public static async Task<Ok<HealthDto>> GetHealth(HealingEngine engine, HealingSwitch healing, IHealingConfig config, TimeProvider time,
        KeptFilesUsage quarantine, CancellationToken cancellationToken) =>
        TypedResults.Ok(HealthDto.From(engine.Health(), HealingStatusDto.From(healing, config.Current, time),
            await quarantine.MeasureAsync(cancellationToken)));
}
