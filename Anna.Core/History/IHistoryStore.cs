using Anna.Core.Issues;

namespace Anna.Core.History;

/// <summary>Durable record of detected issues and of every action Anna took or proposed.</summary>
public interface IHistoryStore
{
    /// <summary>Appends an entry and returns its id.</summary>
    Task<long> AppendAsync(HistoryEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="page"/> counts from 1.</summary>
    Task<HistoryPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        ListAsync(HistoryFilter.None, page, pageSize, cancellationToken);

    /// <summary>
    /// The entries that match <paramref name="filter"/>, newest first, one page of them; the total
    /// counts the matches. Filtering and paging happen in the store, not in the caller's memory.
    /// </summary>
    Task<HistoryPage> ListAsync(HistoryFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <paramref name="limit"/> entries that match, newest first, in one read and without a
    /// total: what a report over recent history (stats, insights) needs. This default pages through
    /// <see cref="ListAsync(HistoryFilter, int, int, CancellationToken)"/>; a store does it in one query.
    /// </summary>
    async Task<IReadOnlyList<HistoryEntry>> NewestAsync(HistoryFilter filter, int limit, CancellationToken cancellationToken)
    {
        const int pageSize = 500;
        var entries = new List<HistoryEntry>();
        for (var page = 1; entries.Count < limit; page++)
        {
            var read = await ListAsync(filter, page, pageSize, cancellationToken).ConfigureAwait(false);
            entries.AddRange(read.Items.Take(limit - entries.Count));
            if (read.Items.Count < pageSize)
                break;
        }
        return entries;
    }

    /// <summary>
    /// The same entries as <see cref="NewestAsync"/>, for a report that counts them rather than quotes them
    /// (insights): without their <see cref="HistoryEntry.Reason"/>, and with <see cref="HistoryEntry.Detail"/>
    /// cut down to the one thing a report reads in it — whether it said the disk was full
    /// (<see cref="Insights.RootCauses.SaysNoSpace"/> holds for it exactly when it did for the whole text).
    /// This default reads them whole; a store keeps that answer beside the text and reads no text.
    /// </summary>
    Task<IReadOnlyList<HistoryEntry>> NewestToCountAsync(HistoryFilter filter, int limit, CancellationToken cancellationToken) =>
        NewestAsync(filter, limit, cancellationToken);

    /// <summary>
    /// The tallies of every entry started in [<paramref name="from"/>, <paramref name="until"/>): a report's
    /// counts over a whole period, however many entries it holds. This default reads the entries; a store
    /// sums the daily tallies it keeps and counts only the hours at either end that are not a whole day.
    /// </summary>
    async Task<IReadOnlyList<HistoryTally>> TallyAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        HistoryTally.Of(await NewestAsync(new HistoryFilter { From = from, Until = until }, int.MaxValue, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the oldest entries started before <paramref name="before"/>
    /// (with their journal records), except what is still needed: an action in progress (recovery finishes
    /// it) or still undoable. Up to as many resolved issue occurrences last seen before then go too.
    /// Fewer than <paramref name="limit"/> of each means none are left to delete.
    /// </summary>
    Task<HistoryPruned> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>One entry by its id; null when there is none.</summary>
    Task<HistoryEntry?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Per issue type: attempts, successes and average duration, over all history.</summary>
    Task<IReadOnlyList<SuccessRate>> SuccessRatesAsync(CancellationToken cancellationToken) =>
        SuccessRatesAsync(since: null, cancellationToken);

    /// <summary>The same, counting only actions started at or after <paramref name="since"/> (all when null).</summary>
    Task<IReadOnlyList<SuccessRate>> SuccessRatesAsync(DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Records that an issue is open (insert or refresh last-seen).</summary>
    Task RecordIssueAsync(Issue issue, CancellationToken cancellationToken);

    /// <summary>Marks the open issue with this key as resolved.</summary>
    Task ResolveIssueAsync(string key, DateTimeOffset resolvedAt, CancellationToken cancellationToken);
}
