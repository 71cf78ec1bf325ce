using Anna.Core.Prediction;
using Anna.Core.Vocabulary;
using Prometheus;

namespace Anna.Server.Metrics;

/// <summary>
/// The forecast self-check at each scrape: judged forecasts by metric and outcome (a counter: it counts
/// every judgement since start, also those no longer kept), the hit rate over the newest kept and how
/// many still wait for their deadline.
/// </summary>
internal sealed class ForecastMetrics
{
    private readonly Counter _outcomes;
    private readonly Gauge _hitRate;
    private readonly Gauge _pending;
    private readonly ForecastCheck _check;

    public ForecastMetrics(MetricFactory factory, ForecastCheck check)
    {
        _check = check;
        _outcomes = factory.CreateCounter("anna_forecast_outcomes_total",
            "Forecast alerts judged against what happened, by metric and outcome: hit (reached critical by its ETA plus slack), missed, averted (a fix ran first).",
            new CounterConfiguration { LabelNames = ["metric", "outcome"] });
        _hitRate = factory.CreateGauge("anna_forecast_hit_rate",
            $"Share of the newest {ForecastCheck.MaxJudged} judged forecasts that came true: hits / (hits + missed); NaN while none came due.");
        _pending = factory.CreateGauge("anna_forecast_pending", "Forecast alerts still waiting for their deadline.");
    }

    public Task CollectAsync(CancellationToken cancellationToken)
    {
        foreach (var ((metric, outcome), count) in _check.Totals())
            _outcomes.WithLabels(metric.Name(), EnumNames<PredictionOutcome>.ToName(outcome)).IncTo(count);
        var summary = _check.Summary(recent: 0);
        _hitRate.Set(summary.HitRate ?? double.NaN);
        _pending.Set(summary.Pending);
        return Task.CompletedTask;
    }
}
