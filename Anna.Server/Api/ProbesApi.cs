using Anna.Core.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Anna.Server.Api;

/// <summary>The probes: their last runs, and a scan on demand.</summary>
public static class ProbesApi
{
    public static IEndpointRouteBuilder MapProbesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/probes", (ProbeScheduler probes) => TypedResults.Ok(probes.LastRuns().Select(ProbeRunDto.From).ToList()));
        api.MapPost("/scan", ScanAsync);
        return api;
    }

    public static async Task<Ok<List<ProbeRunDto>>> ScanAsync(ProbeScheduler probes, CancellationToken cancellationToken) =>
        TypedResults.Ok((await probes.ScanAllNowAsync(cancellationToken)).Select(ProbeRunDto.From).ToList());
}

/// <summary>A probe run as the API shows it.</summary>
/// <param name="IntervalSeconds">How often the probe runs from now on.</param>
/// <param name="Cadence">Why: "as configured", "faster while low_disk:/var is open", "slower: no warning for 3 days".</param>
public sealed record ProbeRunDto(string Probe, DateTimeOffset StartedAt, double TookMs, string Status, int Issues, double IntervalSeconds, string Cadence)
{
    public static ProbeRunDto From(ProbeRun run) =>
        new(run.Probe, run.StartedAt, run.Took.TotalMilliseconds, run.Status, run.Issues, run.Cadence.Interval.TotalSeconds, run.Cadence.Reason);
}
