using Anna.Core.Policy;
using Anna.Core.Samples;

namespace Anna.Core.Prediction;

/// <summary>
/// Runs an <see cref="ExhaustionForecaster"/> over each series that can run out — a filesystem's
/// bytes and inodes in use, memory available — against the critical value the policy's probes use,
/// so a forecast says when the probe itself would call it critical. At start it reads up to 14 days
/// of the series' 5-minute history from the store, so a restart does not forget the trend. A change
/// of the critical value starts that series afresh. About 8 KiB a series; at most the store's series.
/// Each sample and the forecast after it also go to the <see cref="ForecastCheck"/>, when there is one.
/// </summary>
public sealed class ForecastWatch(IHealingConfig config, ForecastCheck? check = null) : ISampleObserver
{
    public static readonly TimeSpan History = TimeSpan.FromDays(14);

    private readonly Dictionary<(string Metric, string Subject), (ExhaustionForecaster Forecaster, DateTimeOffset LastAt, double LastValue)> _series = [];
    private readonly Lock _lock = new();
    // Each filesystem's bytes in use, last seen: with its share in use, its size (for advice in bytes).
    private readonly Dictionary<string, double> _usedBytes = new(StringComparer.Ordinal);

    public void Observe(Sample sample)
    {
        if (sample.Metric == SampleMetric.DiskUsedBytes)
        {
            lock (_lock)
                _usedBytes[sample.Subject] = sample.Value;
            return;
        }
        if (Critical(sample.Metric) is not { } critical)
            return;
        lock (_lock)
            Learn(sample.Metric, sample.Subject, critical, sample.At, sample.Value);
    }

    public async Task WarmUpAsync(ISampleStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var metric in (string[])[SampleMetric.DiskUsedPercent, SampleMetric.DiskInodesUsedPercent, SampleMetric.MemoryAvailablePercent])
        {
            if (Critical(metric) is not { } critical)
                continue;
            var buckets = await store.RangeAsync(metric, null, now - History, now, SampleResolution.FiveMinutes, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                foreach (var bucket in buckets.OrderBy(b => b.Start))
                    Learn(metric, bucket.Subject, critical, bucket.Start, bucket.Last);
            }
        }
    }

    /// <summary>Every series followed, with the forecast in force where there is one.</summary>
    public IReadOnlyList<SeriesForecast> Current()
    {
        lock (_lock)
        {
            return [.. _series.Select(s => new SeriesForecast(s.Value.Forecaster.Metric, s.Key.Subject, s.Value.LastAt, s.Value.LastValue,
                s.Value.Forecaster.Critical, s.Value.Forecaster.Current, Size(s.Key.Metric, s.Key.Subject, s.Value.LastValue)))
                .OrderBy(s => s.Metric).ThenBy(s => s.Subject, StringComparer.Ordinal)];
        }
    }

    private double? Size(string metric, string subject, double percent) =>
        metric == SampleMetric.DiskUsedPercent && percent > 0 && _usedBytes.TryGetValue(subject, out var used) ? used / (percent / 100) : null;

    private void Learn(string metric, string subject, double critical, DateTimeOffset at, double value)
    {
        var key = (metric, subject);
        if (!_series.TryGetValue(key, out var series) || series.Forecaster.Critical != critical)
        {
            if (!_series.ContainsKey(key) && _series.Count >= SampleRetention.MaxSeries)
                return;
            series = (new ExhaustionForecaster(ForecastOf(metric), critical), at, value);
        }
        series.Forecaster.Observe(at.UtcDateTime, value);
        check?.Observe(series.Forecaster.Metric, subject, critical, at, value, series.Forecaster.Current);
        _series[key] = (series.Forecaster, at, value);
    }

    private static ForecastMetric ForecastOf(string metric) => metric switch
    {
        SampleMetric.DiskUsedPercent => ForecastMetric.DiskUsedPercent,
        SampleMetric.DiskInodesUsedPercent => ForecastMetric.InodeUsedPercent,
        _ => ForecastMetric.MemoryAvailablePercent,
    };

    /// <summary>The critical value the probes use for this metric, or null when it is not forecast.</summary>
    private double? Critical(string metric) => metric switch
    {
        SampleMetric.DiskUsedPercent => config.Current.Probes.Disk.CriticalPercent,
        SampleMetric.DiskInodesUsedPercent => config.Current.Probes.Disk.InodeCriticalPercent,
        SampleMetric.MemoryAvailablePercent => config.Current.Probes.Memory.AvailableCriticalPercent,
        _ => null,
    };
}
