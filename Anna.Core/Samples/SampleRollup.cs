namespace Anna.Core.Samples;

/// <summary>
/// The arithmetic of rollups, pure so it is tested without a database: raw samples into 5-minute
/// buckets, 5-minute buckets into hourly ones. Buckets are aligned to the Unix epoch, so every host
/// and every pass cuts time at the same instants and an hour holds exactly twelve 5-minute buckets.
/// </summary>
public static class SampleRollup
{
    public static DateTimeOffset BucketStart(DateTimeOffset at, TimeSpan width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(width, TimeSpan.Zero);
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        // Floor, not truncation toward zero: an instant before 1970 still falls in the bucket that starts before it.
        var floored = ticks - (((ticks % width.Ticks) + width.Ticks) % width.Ticks);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + floored, TimeSpan.Zero);
    }

    /// <summary>Raw samples into buckets of <paramref name="resolution"/>, ordered by series and start.</summary>
    public static IReadOnlyList<SampleBucket> FromSamples(IEnumerable<Sample> samples, SampleResolution resolution) =>
        Merge(samples.Select(SampleBucket.Of), resolution);

    /// <summary>
    /// Finer buckets (or raw samples as buckets of one) into buckets of <paramref name="resolution"/>:
    /// counts and sums add, min and max of the extremes, last from the latest finer bucket.
    /// </summary>
    public static IReadOnlyList<SampleBucket> Merge(IEnumerable<SampleBucket> finer, SampleResolution resolution)
    {
        var width = SampleRetention.Width(resolution);
        if (width <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "raw samples are not a rollup");
        var result = new List<SampleBucket>();
        foreach (var group in finer
            .Where(b => b.Count > 0)
            .GroupBy(b => (b.Metric, b.Subject, Start: BucketStart(b.Start, width)))
            .OrderBy(g => g.Key.Metric, StringComparer.Ordinal).ThenBy(g => g.Key.Subject, StringComparer.Ordinal).ThenBy(g => g.Key.Start))
        {
            var parts = group.OrderBy(b => b.Start).ToList();
            if (parts.Any(p => SampleRetention.Width(p.Resolution) > width))
                throw new ArgumentException($"a {parts[0].Resolution} bucket cannot be split into {resolution} ones", nameof(finer));
            result.Add(new SampleBucket(group.Key.Metric, group.Key.Subject, resolution, group.Key.Start,
                parts.Sum(p => p.Count), parts.Min(p => p.Min), parts.Max(p => p.Max), parts.Sum(p => p.Sum), parts[^1].Last));
        }
        return result;
    }

    /// <summary>
    /// How much a series grew from its first to its last bucket (last − first, using each bucket's
    /// mean for gauges); null with fewer than two buckets.
    /// </summary>
    public static double? Growth(IReadOnlyList<SampleBucket> series)
    {
        if (series.Count < 2)
            return null;
        var ordered = series.OrderBy(b => b.Start).ToList();
        return ordered[^1].Mean - ordered[0].Mean;
    }
}
