using Anna.Core.Policy;
using Anna.Core.Samples;

namespace Anna.Core.Prediction;

/// <summary>
/// Runs an <see cref="ExhaustionForecaster"/> over each series that can run out — a filesystem's bytes
/// and inodes in use, memory available, a unit's memory against its <c>MemoryMax=</c>, a service's
/// restarts — against the critical value the policy uses (for a unit's memory: its own limit), so a
/// forecast says when the probe itself would call it critical. At start it reads up to 14 days of the
/// series' 5-minute history from the store, so a restart does not forget the trend. A change of the
/// critical value (the policy's, or a unit's limit) starts that series afresh; a unit whose limit is
/// gone is no longer forecast; its growth is followed instead (<see cref="MemoryGrowth"/>), so a forecast
/// of the machine's memory running short can name the unit growing into it (<see cref="LikelyLeak"/>).
/// About 8 KiB a series; at most the store's series.
/// Each sample and the forecast after it also go to the <see cref="ForecastCheck"/>, when there is one.
/// </summary>
public sealed class ForecastWatch(IHealingConfig config, ForecastCheck? check = null) : ISampleObserver
{
    public static readonly TimeSpan History = TimeSpan.FromDays(14);

    // Read back at start in this order within a timestamp: a unit's limit comes before its memory, as the probe records them.
    private static readonly string[] Recorded =
    [
        SampleMetric.UnitMemoryMaxBytes, SampleMetric.DiskUsedPercent, SampleMetric.DiskInodesUsedPercent, SampleMetric.MemoryAvailableBytes, SampleMetric.MemoryAvailablePercent,
        SampleMetric.UnitMemoryBytes, SampleMetric.UnitRestarts,
    ];

    /// <summary>A series not seen for this many of its own sampling intervals (and at least <see cref="MinQuiet"/>) has stopped: a unit that was stopped, a mount that is gone.</summary>
    public const int StoppedAfterIntervals = 10;

    public static readonly TimeSpan MinQuiet = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How much of the fall in available memory a unit's growth must account for to be named its likely
    /// cause: most of it, so a unit that merely grows a little while something else eats the memory is
    /// not the one restarted.
    /// </summary>
    public const double LeakShare = 0.5;

    private readonly Dictionary<(string Metric, string Subject), (ExhaustionForecaster Forecaster, DateTimeOffset LastAt, double LastValue, TimeSpan Every)> _series = [];
    private readonly Lock _lock = new();
    // Each filesystem's bytes in use, last seen: with its share in use, its size (for advice in bytes).
    private readonly Dictionary<string, double> _usedBytes = new(StringComparer.Ordinal);
    // Each limited unit's MemoryMax=, until its memory sample of the same time takes it.
    private readonly Dictionary<string, (DateTimeOffset At, double Bytes)> _limits = new(StringComparer.Ordinal);
    // Each unit without a limit: how fast it grows.
    private readonly Dictionary<string, MemoryGrowth> _growth = new(StringComparer.Ordinal);
    private readonly double[] _scratch = new double[MemoryGrowth.ScratchLength];
    private double _availableBytes = double.NaN;

    public void Observe(Sample sample)
    {
        lock (_lock)
            Take(sample.Metric, sample.Subject, sample.At, sample.Value);
    }

    public async Task WarmUpAsync(ISampleStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var buckets = new List<(int Order, SampleBucket Bucket)>();
        for (var order = 0; order < Recorded.Length; order++)
        {
            foreach (var bucket in await store.RangeAsync(Recorded[order], null, now - History, now, SampleResolution.FiveMinutes, cancellationToken).ConfigureAwait(false))
                buckets.Add((order, bucket));
        }
        // Replayed as the writer would have shown them: by time, and a unit's limit just before its memory.
        lock (_lock)
        {
            foreach (var (_, bucket) in buckets.OrderBy(b => b.Bucket.Start).ThenBy(b => b.Order))
                Take(bucket.Metric, bucket.Subject, bucket.Start, bucket.Last);
        }
    }

    /// <summary>Every series followed, with the forecast in force where there is one.</summary>
    public IReadOnlyList<SeriesForecast> Current() => Current(null);

    /// <summary>
    /// The series still measured at <paramref name="now"/>: a forecast of a unit that was stopped, which no
    /// sample will ever correct, is not an issue.
    /// </summary>
    public IReadOnlyList<SeriesForecast> Reporting(DateTimeOffset now) => Current(now);

    private IReadOnlyList<SeriesForecast> Current(DateTimeOffset? now)
    {
        lock (_lock)
        {
            // A restart counter has no rate to show until it has been seen for an hour.
            return [.. _series.Where(s => double.IsFinite(s.Value.LastValue))
                .Where(s => now is not { } at || at - s.Value.LastAt <= TimeSpan.FromTicks(Math.Max(MinQuiet.Ticks, s.Value.Every.Ticks * StoppedAfterIntervals)))
                .Select(s => new SeriesForecast(s.Value.Forecaster.Metric, s.Key.Subject, s.Value.LastAt, s.Value.LastValue,
                    s.Value.Forecaster.Critical, s.Value.Forecaster.Current, Size(s.Key.Metric, s.Key.Subject, s.Value.LastValue),
                    Leak(s.Key.Metric, s.Value.Forecaster.Current, s.Value.LastAt, s.Value.LastValue)))
                .OrderBy(s => s.Metric).ThenBy(s => s.Subject, StringComparer.Ordinal)];
        }
    }

    private double? Size(string metric, string subject, double percent) =>
        metric == SampleMetric.DiskUsedPercent && percent > 0 && _usedBytes.TryGetValue(subject, out var used) ? used / (percent / 100) : null;

    /// <summary>
    /// For the machine's memory forecast to run short: the unit without a limit growing fastest, if it
    /// grows at least <see cref="LeakShare"/> as fast as available memory falls.
    /// </summary>
    private LikelyLeak? Leak(string metric, ExhaustionForecast? forecast, DateTimeOffset at, double availablePercent)
    {
        if (metric != SampleMetric.MemoryAvailablePercent || forecast is null || !(availablePercent > 0) || !double.IsFinite(_availableBytes))
            return null;
        // The forecast's slope is in points of the machine's memory an hour, negative while it falls.
        var total = _availableBytes / (availablePercent / 100);
        var fall = -forecast.SlopePerHour / 100 * total;
        if (!(fall > 0))
            return null;
        LikelyLeak? fastest = null;
        foreach (var (unit, growth) in _growth)
        {
            if (growth.SlopePerHour(at, _scratch) is { } slope && slope >= LeakShare * fall && slope > (fastest?.BytesPerHour ?? 0))
                fastest = new LikelyLeak(unit, slope, growth.Last);
        }
        return fastest;
    }

    private void Take(string metric, string subject, DateTimeOffset at, double value)
    {
        switch (metric)
        {
            case SampleMetric.DiskUsedBytes:
                _usedBytes[subject] = value;
                return;
            case SampleMetric.MemoryAvailableBytes:
                _availableBytes = value;
                return;
            case SampleMetric.UnitMemoryMaxBytes:
                _limits[subject] = (at, value);
                return;
        }
        if (Forecast(metric) is not { } forecast)
            return;
        if (Critical(metric, subject, at) is { } critical)
        {
            // A unit given a limit is forecast against it; its growth into the machine no longer counts.
            if (metric == SampleMetric.UnitMemoryBytes)
                _growth.Remove(subject);
            Learn(metric, forecast, subject, critical, at, value);
            return;
        }
        _series.Remove((metric, subject)); // a unit whose limit was lifted has nothing of its own to run out of
        if (metric == SampleMetric.UnitMemoryBytes)
            Grow(subject, at, value);
    }

    // A unit without a limit grows into the machine's memory: followed, to be named if the machine runs short.
    private void Grow(string unit, DateTimeOffset at, double bytes)
    {
        if (!_growth.TryGetValue(unit, out var growth))
        {
            if (_growth.Count >= SampleRetention.MaxSeries)
                return;
            _growth[unit] = growth = new MemoryGrowth();
        }
        growth.Observe(at, bytes);
    }

    private void Learn(string metric, ForecastMetric forecast, string subject, double critical, DateTimeOffset at, double value)
    {
        var key = (metric, subject);
        if (!_series.TryGetValue(key, out var series) || series.Forecaster.Critical != critical)
        {
            if (!_series.ContainsKey(key) && _series.Count >= SampleRetention.MaxSeries)
                return;
            series = (new ExhaustionForecaster(forecast, critical), at, value, TimeSpan.Zero);
        }
        series.Forecaster.Observe(at.UtcDateTime, value);
        // The self-check takes the raw sample: it turns a counter into its hourly rate itself (HeldCrossing).
        check?.Observe(series.Forecaster.Metric, subject, critical, at, value, series.Forecaster.Current);
        // Shown, a counter's value is its increase over the last hour: what its critical rate is compared with.
        var compared = forecast.IsCounter() ? series.Forecaster.LastHourIncrease : value;
        var every = at > series.LastAt ? at - series.LastAt : series.Every;
        _series[key] = (series.Forecaster, at, compared, every);
    }

    private static ForecastMetric? Forecast(string metric) => metric switch
    {
        SampleMetric.DiskUsedPercent => ForecastMetric.DiskUsedPercent,
        SampleMetric.DiskInodesUsedPercent => ForecastMetric.InodeUsedPercent,
        SampleMetric.MemoryAvailablePercent => ForecastMetric.MemoryAvailablePercent,
        SampleMetric.UnitMemoryBytes => ForecastMetric.UnitMemoryBytes,
        SampleMetric.UnitRestarts => ForecastMetric.UnitRestartsTotal,
        _ => null,
    };

    /// <summary>
    /// The critical value of this sample: the one the probes use, or for a unit's memory the limit recorded
    /// with it (taken, so a limit applies once); null when there is none (a unit without a limit).
    /// </summary>
    private double? Critical(string metric, string subject, DateTimeOffset at) => metric switch
    {
        SampleMetric.DiskUsedPercent => config.Current.Probes.Disk.CriticalPercent,
        SampleMetric.DiskInodesUsedPercent => config.Current.Probes.Disk.InodeCriticalPercent,
        SampleMetric.MemoryAvailablePercent => config.Current.Probes.Memory.AvailableCriticalPercent,
        SampleMetric.UnitMemoryBytes => _limits.Remove(subject, out var limit) && limit.At == at ? limit.Bytes : null,
        SampleMetric.UnitRestarts => config.Current.Probes.Services.RestartsCriticalPerHour,
        _ => null,
    };
}
