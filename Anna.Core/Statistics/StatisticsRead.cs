using Anna.Core.History;

namespace Anna.Core.Statistics;

/// <summary>
/// The statistics of the history, read the one way the dashboard and the API share: every count from the
/// store's tallies (the whole history, and each of the last days), and time to heal — medians no tally
/// keeps — from the newest <see cref="MaxEntries"/> entries.
/// </summary>
/// <param name="Loaded">How many entries time to heal is based on.</param>
/// <param name="Total">How many entries the history holds.</param>
public sealed record StatisticsRead(HealingStatistics Statistics, int Loaded, long Total)
{
    public const int MaxEntries = 2000;

    public static async Task<StatisticsRead> ReadAsync(IHistoryStore history, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var newest = await history.NewestAsync(HistoryFilter.None, MaxEntries, cancellationToken).ConfigureAwait(false);
        var whole = await history.TallyAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        var days = new List<DayTallies>(HealingStatistics.DaysShown);
        foreach (var day in HealingStatistics.LastDays(now, zone))
        {
            var tallies = await history.TallyAsync(HealingStatistics.StartOf(day, zone), HealingStatistics.StartOf(day.AddDays(1), zone), cancellationToken).ConfigureAwait(false);
            days.Add(new DayTallies(day, tallies));
        }
        return new StatisticsRead(HealingStatistics.From(whole, days, newest), newest.Count, whole.Sum(t => t.Count));
    }
}
