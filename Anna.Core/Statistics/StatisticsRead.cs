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

    private const int PageSize = 500;

    public static async Task<StatisticsRead> ReadAsync(IHistoryStore history, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = new List<HistoryEntry>();
        long total = 0;
        for (var page = 1; page <= MaxEntries / PageSize; page++)
        {
            var read = await history.ListAsync(page, PageSize, cancellationToken).ConfigureAwait(false);
            entries.AddRange(read.Items);
            total = read.Total;
            if (read.Items.Count < PageSize)
                break;
        }
        return new StatisticsRead(HealingStatistics.From(entries, now, zone), entries.Count, total);
    }
}
