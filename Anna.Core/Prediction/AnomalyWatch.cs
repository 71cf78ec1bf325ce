using Anna.Core.Samples;

namespace Anna.Core.Prediction;

/// <summary>
/// Runs an <see cref="AnomalyDetector"/> over every series the probes measure and keeps the
/// anomalies that last: a series is anomalous once <see cref="Sustained"/> samples in a row are
/// surprising (<see cref="AnomalyDetector.Surprise"/> at least <see cref="RaiseAt"/>), and stays so
/// until a sample falls below <see cref="ClearBelow"/> (the gap keeps a series near the line from
/// flapping). One spike is not an anomaly: a unit restarted once, a big file copied and deleted.
/// Series unusual at the same time are named with each anomaly, because a disk that fills while
/// one unit's memory climbs is one story, not two. Memory is bounded: at most
/// <see cref="SampleRetention.MaxSeries"/> series of about 52 KiB each.
/// </summary>
public sealed class AnomalyWatch(AnomalyDetectorOptions? options = null) : ISampleObserver
{
    public const double RaiseAt = 0.9;
    public const double ClearBelow = 0.5;
    public const int Sustained = 3;

    /// <summary>How far apart two series' unusual samples may be to count as "at the same time".</summary>
    public static readonly TimeSpan Together = TimeSpan.FromMinutes(10);

    private readonly AnomalyDetectorOptions _options = options ?? AnomalyDetectorOptions.Default;
    private readonly Dictionary<(string Metric, string Subject), SeriesWatch> _series = [];
    private readonly Lock _lock = new();
    private long _ignored;

    /// <summary>Samples of series beyond the bound, not watched.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

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
                watch = new SeriesWatch(new AnomalyDetector(_options));
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
                if (watch.Run < Sustained || watch.Since is not { } since)
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
    private sealed class SeriesWatch(AnomalyDetector detector)
    {
        public int Run { get; private set; }
        public DateTimeOffset? Since { get; private set; }
        public DateTimeOffset LastAt { get; private set; }
        public double LastValue { get; private set; }
        public double Surprise { get; private set; }

        /// <summary>The newest sample at or above <see cref="ClearBelow"/>, and how surprising it was.</summary>
        public DateTimeOffset? LastUnusualAt { get; private set; }
        public double LastUnusualSurprise { get; private set; }

        public void Add(Sample sample)
        {
            detector.Score(sample.Value);
            Surprise = detector.Surprise;
            LastAt = sample.At;
            LastValue = sample.Value;
            if (Surprise >= ClearBelow)
            {
                LastUnusualAt = sample.At;
                LastUnusualSurprise = Surprise;
            }
            if (Surprise >= RaiseAt || (Run >= Sustained && Surprise >= ClearBelow))
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
