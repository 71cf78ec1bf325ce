using Anna.Core.Samples;

namespace Anna.Core.Prediction;

/// <summary>
/// Runs a detector over every series the probes measure and keeps the anomalies that last, by its
/// <see cref="AnomalyRule"/> (<see cref="AnomalyRule.Contextual"/> unless told): a series is anomalous
/// once enough samples in a row are surprising, and stays so until one is plainly not. With the contextual
/// detector one sample far outside everything the series did is surprising together with the few after it
/// (the detector relearns its levels), so a large jump or spike shows as a short anomaly; a series that
/// wanders inside its usual patterns, however noisy, does not, and neither does one that grows by its usual
/// steps to new highs (<see cref="SteadyGrowth"/>: a filling disk is a forecast, not an anomaly a day).
/// Series unusual at the same time are named with each anomaly, because a disk that fills while
/// one unit's memory climbs is one story, not two. Memory is bounded: at most
/// <see cref="SampleRetention.MaxSeries"/> series of at most 64 KiB each.
/// </summary>
public sealed class AnomalyWatch(AnomalyRule? rule = null) : ISampleObserver
{
    /// <summary>How far apart two series' unusual samples may be to count as "at the same time".</summary>
    public static readonly TimeSpan Together = TimeSpan.FromMinutes(10);

    private readonly AnomalyRule _rule = rule ?? AnomalyRule.Contextual;
    private readonly Dictionary<(string Metric, string Subject), SeriesWatch> _series = [];
    private readonly Lock _lock = new();
    private long _ignored;

    /// <summary>Samples of series beyond the bound, not watched.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    public AnomalyRule Rule => _rule;

    public int Series
    {
        get
        {
            lock (_lock)
                return _series.Count;
        }
    }

    public void Observe(Sample sample)
    {
        if (SampleMetric.IsSetting(sample.Metric))
            return; // an admin raising a unit's MemoryMax= is a decision, not an anomaly
        lock (_lock)
        {
            var key = (sample.Metric, sample.Subject);
            if (!_series.TryGetValue(key, out var watch))
            {
                if (_series.Count >= SampleRetention.MaxSeries)
                {
                    Interlocked.Increment(ref _ignored);
                    return;
                }
                watch = new SeriesWatch(_rule.NewDetector(), _rule);
                _series[key] = watch;
            }
            watch.Add(sample);
        }
    }

    /// <summary>The anomalies now, most surprising first.</summary>
    public IReadOnlyList<Anomaly> Current()
    {
        lock (_lock)
        {
            var anomalies = new List<Anomaly>();
            foreach (var ((metric, subject), watch) in _series)
            {
                if (watch.Run < _rule.Sustained || watch.Since is not { } since)
                    continue;
                var movedWith = _series
                    .Where(other => other.Value != watch && other.Value.LastUnusualAt is { } at && at >= since - Together && at <= watch.LastAt + Together)
                    .OrderByDescending(other => other.Value.LastUnusualSurprise)
                    .Select(other => $"{other.Key.Metric} of {other.Key.Subject}")
                    .ToList();
                anomalies.Add(new Anomaly(metric, subject, since, watch.LastAt, watch.LastValue, watch.Surprise, watch.Run, movedWith));
            }
            return [.. anomalies.OrderByDescending(a => a.Surprise)];
        }
    }

    /// <summary>One series: its detector and where its current unusual run stands.</summary>
    private sealed class SeriesWatch(ISurpriseDetector detector, AnomalyRule rule)
    {
        private readonly SteadyGrowth _growth = new();
        private long _seen;

        public int Run { get; private set; }
        public DateTimeOffset? Since { get; private set; }
        public DateTimeOffset LastAt { get; private set; }
        public double LastValue { get; private set; }
        public double Surprise { get; private set; }

        /// <summary>
        /// The newest sample at or above the rule's <see cref="AnomalyRule.RaiseAt"/>, and how surprising it was: what
        /// "unusual at the same time" means for another series' anomaly. Not <see cref="AnomalyRule.ClearBelow"/>: a noisy
        /// series is often that unfamiliar to the contextual detector, and would be named with every anomaly.
        /// </summary>
        public DateTimeOffset? LastUnusualAt { get; private set; }
        public double LastUnusualSurprise { get; private set; }

        public void Add(Sample sample)
        {
            Surprise = detector.Observe(sample.Value);
            var growth = _growth.Observe(sample.Value, Surprise >= rule.ClearBelow);
            if (++_seen <= rule.WarmUp || growth)
                Surprise = 0; // learned, not judged; or growth by usual steps, which the forecasts follow
            LastAt = sample.At;
            LastValue = sample.Value;
            if (Surprise >= rule.RaiseAt)
            {
                LastUnusualAt = sample.At;
                LastUnusualSurprise = Surprise;
            }
            if (Surprise >= rule.RaiseAt || (Run >= rule.Sustained && Surprise >= rule.ClearBelow))
            {
                Since ??= sample.At;
                Run++;
            }
            else
            {
                Since = null;
                Run = 0;
            }
        }
    }
}
