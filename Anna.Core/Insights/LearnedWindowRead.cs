using Anna.Core.Samples;

namespace Anna.Core.Insights;

/// <summary>
/// Reads the hourly activity buckets of the last <see cref="LearnedWindowRules.Weeks"/> weeks from the
/// sample store and proposes a window from them: the one read the API, the dashboard and the
/// keep-it-current worker share. Hours are placed in the week by the host's zone, the zone the
/// maintenance window itself is in.
/// </summary>
public static class LearnedWindowRead
{
    public static async Task<LearnedWindow> ReadAsync(ISampleStore samples, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(zone);
        return LearnedWindowLearner.Propose(await HoursAsync(samples, zone, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Each closed hour of the period that has any activity bucket, oldest first.</summary>
    public static async Task<IReadOnlyList<ActivityHour>> HoursAsync(ISampleStore samples, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = SampleRollup.BucketStart(now, TimeSpan.FromHours(1));
        var from = until.AddDays(-7 * LearnedWindowRules.Weeks);
        var hours = new SortedDictionary<DateTimeOffset, ActivityHour>();
        async Task Merge(string metric, Func<ActivityHour, double, ActivityHour> set)
        {
            foreach (var bucket in await samples.RangeAsync(metric, null, from, until, SampleResolution.Hour, cancellationToken).ConfigureAwait(false))
            {
                if (!hours.TryGetValue(bucket.Start, out var hour))
                {
                    var local = TimeZoneInfo.ConvertTime(bucket.Start, zone);
                    hour = new ActivityHour(local.DayOfWeek, local.Hour, bucket.Start);
                }
                hours[bucket.Start] = set(hour, bucket.Mean);
            }
        }
        await Merge(SampleMetric.ActiveSessions, (h, v) => h with { Sessions = v }).ConfigureAwait(false);
        await Merge(SampleMetric.CpuBusyPercent, (h, v) => h with { CpuBusyPercent = v }).ConfigureAwait(false);
        await Merge(SampleMetric.CpuPressureSomeAvg10, (h, v) => h with { CpuPressure = v }).ConfigureAwait(false);
        await Merge(SampleMetric.IoPressureSomeAvg10, (h, v) => h with { IoPressure = v }).ConfigureAwait(false);
        await Merge(SampleMetric.LoadPerCpu, (h, v) => h with { LoadPerCpu = v }).ConfigureAwait(false);
        return [.. hours.Values];
    }
}
