using Anna.Core.History;

namespace Anna.Core.Statistics;

/// <summary>
/// The statistics of the newest history, read the one way the dashboard and the API share: at most
/// <see cref="MaxEntries"/> entries, enough for the trends without reading a whole year on every refresh.
/// </summary>
/// <param name="Loaded">How many entries the figures are based on.</param>
/// <param name="Total">How many entries the history holds.</param>
public sealed record StatisticsRead(HealingStatistics Statistics, int Loaded, long Total)
{
    public const int MaxEntries = 2000;

    public static async Task<StatisticsRead> ReadAsync(IHistoryStore history, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = await history.NewestAsync(HistoryFilter.None, MaxEntries, cancellationToken).ConfigureAwait(false);
        // Fewer than asked for is the whole history; otherwise one page of one asks the store for its total.
        long total = entries.Count < MaxEntries ? entries.Count : (await history.ListAsync(1, 1, cancellationToken).ConfigureAwait(false)).Total;
        return new StatisticsRead(HealingStatistics.From(entries, now, zone), entries.Count, total);
    }
}
