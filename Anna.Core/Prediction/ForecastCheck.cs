using Anna.Core.Samples;

namespace Anna.Core.Prediction;

/// <summary>
/// The forecasts' self-check: every forecast alert is later compared with what the series did, so the
/// hit rate says how far to trust the next one.
/// <para>
/// A series' prediction is recorded when it first gets a counted forecast (its ETA at most
/// <see cref="Horizon"/> after it was raised, as the probe and the scorer count alerts), with the value
/// and critical value then. It is judged from the series' own samples: a <b>hit</b> when the series
/// reaches critical (three samples in a row, <see cref="HeldCrossing"/>) no later than its deadline,
/// ETA + <see cref="Tolerance"/>; <b>missed</b> when a sample comes after the deadline without one (also
/// when the forecaster withdrew the alert in between: it was counted, so it counts); <b>averted</b> when
/// a fix that frees the resource ran for the subject first (<see cref="Averted"/>); pending until then.
/// </para>
/// <para>
/// One prediction per series at a time: while one is pending, a forecast raised again for the series
/// (its ETA moved, or it came back after a withdrawal) changes nothing, so each prediction is judged by
/// what was said first and a forecaster cannot fix its record by revising it. The next one must be
/// raised after the previous was judged.
/// </para>
/// <para>
/// Only a forecast raised from a recent sample (within <see cref="Fresh"/> of the clock) is recorded: at
/// start the forecasts replay the series' history, and what they raise there was recorded when it was
/// made, or was never shown to anyone. Samples at or before the newest one seen for a series are not
/// counted again. A series silent for <see cref="Silence"/> past a deadline is judged missed by the clock.
/// At most <see cref="MaxJudged"/> judged predictions are kept, the newest; the pending ones, one per series.
/// </para>
/// </summary>
public sealed class ForecastCheck(TimeProvider time)
{
    /// <summary>The judged predictions kept (and counted in the summary and the hit rate).</summary>
    public const int MaxJudged = 500;

    /// <summary>A forecast further out is information, not an alert, and is not checked (the same as the probe's horizon).</summary>
    public static readonly TimeSpan Horizon = ExhaustionForecasterOptions.Default.AlertHorizon;

    /// <summary>The least slack after the ETA: a crossing an hour late is still the crossing predicted.</summary>
    public static readonly TimeSpan MinTolerance = TimeSpan.FromHours(1);

    /// <summary>The slack as a share of the lead: a forecast made 4 days ahead may be a day late.</summary>
    public const double ToleranceShare = 0.25;

    /// <summary>A forecast is recorded only when raised from a sample at most this old by the clock.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromHours(1);

    /// <summary>A pending prediction whose series has said nothing this long past its deadline is missed.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(ForecastMetric Metric, string Subject), CheckedSeries> _series = [];
    private readonly List<ForecastPrediction> _judged = [];
    private readonly Dictionary<long, ForecastPrediction> _unsaved = [];
    private readonly Dictionary<(ForecastMetric Metric, PredictionOutcome Outcome), long> _totals = [];
    private long _nextId = 1;

    /// <summary>How late after its ETA a crossing still makes a forecast come true: max(1 h, 25 % of the lead).</summary>
    public static TimeSpan Tolerance(TimeSpan lead) => lead * ToleranceShare > MinTolerance ? lead * ToleranceShare : MinTolerance;

    /// <summary>
    /// Learns one sample of a forecast series with the forecast in force after it (<see cref="ExhaustionForecaster.Current"/>):
    /// judges the pending prediction, or records a new one.
    /// </summary>
    public void Observe(ForecastMetric metric, string subject, double critical, DateTimeOffset at, double value, ExhaustionForecast? current)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock)
        {
            var series = Series(metric, subject);
            if (series is null || at <= series.Seen)
                return;
            series.Seen = at;
            series.Standing = Counted(current);
            var pending = series.Pending;
            var crossed = series.Crossing.Observe(at, value, pending?.Critical ?? critical);
            if (pending is not null)
            {
                if (crossed is { } t)
                    Judge(series, t <= pending.Deadline ? PredictionOutcome.Hit : PredictionOutcome.Missed, at, t);
                // A run that began by the deadline may still become a crossing in time.
                else if (at > pending.Deadline && !(series.Crossing.RunStart <= pending.Deadline))
                    Judge(series, PredictionOutcome.Missed, at, null);
            }
            if (series.Pending is null && Counted(current))
            {
                var raised = new DateTimeOffset(DateTime.SpecifyKind(current!.At, DateTimeKind.Utc));
                if (raised > series.NotBefore && raised >= time.GetUtcNow() - Fresh)
                {
                    var eta = new DateTimeOffset(DateTime.SpecifyKind(current.Eta, DateTimeKind.Utc));
                    series.Pending = new ForecastPrediction(_nextId++, metric, subject, raised, eta, current.Confidence, value, critical);
                    _unsaved[series.Pending.Id] = series.Pending;
                }
            }
        }
    }

    /// <summary>
    /// A fix that frees the resource ran for <paramref name="subject"/> at <paramref name="at"/> (the engine
    /// calls this): the series' pending prediction, if raised by then, is averted. True when one was.
    /// </summary>
    public bool Averted(ForecastMetric metric, string subject, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (!_series.TryGetValue((metric, subject), out var series) || series.Pending is not { } pending || at < pending.RaisedAt)
                return false;
            Judge(series, PredictionOutcome.Averted, at, null);
            return true;
        }
    }

    /// <summary>The outcomes so far (as of the clock: a silent series past its deadline is judged first).</summary>
    public ForecastCheckSummary Summary(int recent = 10)
    {
        lock (_lock)
        {
            Expire();
            var hits = _judged.Count(p => p.Outcome == PredictionOutcome.Hit);
            var missed = _judged.Count(p => p.Outcome == PredictionOutcome.Missed);
            var waiting = _series.Values.Select(s => s.Pending).OfType<ForecastPrediction>().OrderBy(p => p.Deadline).ToList();
            return new ForecastCheckSummary(hits, missed, _judged.Count(p => p.Outcome == PredictionOutcome.Averted), waiting.Count,
                hits + missed == 0 ? null : (double)hits / (hits + missed),
                [.. _judged.AsEnumerable().Reverse().Take(Math.Max(0, recent))], waiting);
        }
    }

    /// <summary>
    /// Judged predictions by metric and outcome since this check began (with those read back at start):
    /// they only grow, as a counter must, even when old ones are no longer kept.
    /// </summary>
    public IReadOnlyDictionary<(ForecastMetric Metric, PredictionOutcome Outcome), long> Totals()
    {
        lock (_lock)
        {
            Expire();
            return new Dictionary<(ForecastMetric, PredictionOutcome), long>(_totals);
        }
    }

    /// <summary>Takes the record kept before a restart (pending and judged), before any sample comes.</summary>
    public void Load(IEnumerable<ForecastPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        lock (_lock)
        {
            foreach (var prediction in predictions.OrderBy(p => p.JudgedAt ?? p.RaisedAt).ThenBy(p => p.Id))
            {
                _nextId = Math.Max(_nextId, prediction.Id + 1);
                var series = Series(prediction.Metric, prediction.Subject);
                if (series is null)
                    continue;
                if (prediction.Outcome == PredictionOutcome.Pending)
                {
                    // Samples after it was raised are counted again (a replay rebuilds a run towards critical).
                    series.Pending = prediction;
                    series.NotBefore = Max(series.NotBefore, prediction.RaisedAt);
                    series.Seen = Max(series.Seen, prediction.RaisedAt);
                    continue;
                }
                series.NotBefore = Max(series.NotBefore, prediction.JudgedAt ?? prediction.RaisedAt);
                series.Seen = Max(series.Seen, prediction.JudgedAt ?? prediction.RaisedAt);
                Keep(prediction);
            }
        }
    }

    /// <summary>Predictions new or changed since they were last saved (<see cref="Saved"/>).</summary>
    public IReadOnlyList<ForecastPrediction> Unsaved()
    {
        lock (_lock)
        {
            Expire();
            return [.. _unsaved.Values.OrderBy(p => p.Id)];
        }
    }

    /// <summary>These were stored: forgets them unless they changed again meanwhile.</summary>
    public void Saved(IEnumerable<ForecastPrediction> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        lock (_lock)
        {
            foreach (var prediction in saved)
            {
                if (_unsaved.TryGetValue(prediction.Id, out var now) && ReferenceEquals(now, prediction))
                    _unsaved.Remove(prediction.Id);
            }
        }
    }

    private static bool Counted(ExhaustionForecast? forecast) => forecast is not null && forecast.Eta - forecast.At <= Horizon;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private CheckedSeries? Series(ForecastMetric metric, string subject)
    {
        if (_series.TryGetValue((metric, subject), out var series))
            return series;
        // Bounded like the sample store itself; the forecasts follow no more series than it keeps.
        if (_series.Count >= SampleRetention.MaxSeries)
            return null;
        series = new CheckedSeries(metric);
        _series[(metric, subject)] = series;
        return series;
    }

    private void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var series in _series.Values)
        {
            if (series.Pending is { } pending && now > pending.Deadline + Silence)
                Judge(series, PredictionOutcome.Missed, now, null);
        }
    }

    private void Judge(CheckedSeries series, PredictionOutcome outcome, DateTimeOffset at, DateTimeOffset? crossedAt)
    {
        var judged = series.Pending! with
        {
            Outcome = outcome,
            JudgedAt = at,
            CrossedAt = crossedAt,
            Withdrawn = outcome == PredictionOutcome.Missed && !series.Standing,
        };
        series.Pending = null;
        series.NotBefore = Max(series.NotBefore, at);
        _unsaved[judged.Id] = judged;
        Keep(judged);
    }

    private void Keep(ForecastPrediction judged)
    {
        _judged.Add(judged);
        var key = (judged.Metric, judged.Outcome);
        _totals[key] = _totals.GetValueOrDefault(key) + 1;
        if (_judged.Count > MaxJudged)
            _judged.RemoveAt(0);
    }
}
