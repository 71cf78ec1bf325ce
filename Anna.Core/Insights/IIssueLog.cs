namespace Anna.Core.Insights;

/// <summary>The occurrences of issues Anna recorded, open and resolved.</summary>
public interface IIssueLog
{
    /// <summary>Occurrences seen at or after <paramref name="since"/> (last seen), oldest first, at most <paramref name="limit"/> of the newest.</summary>
    Task<IReadOnlyList<IssueRecord>> SeenSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// How many occurrences of each kind were seen in [<paramref name="from"/>, <paramref name="until"/>) — last seen
    /// at or after the start, first seen before the end — however many there are. This default reads them all; a
    /// store counts them where they are kept.
    /// </summary>
    async Task<IReadOnlyDictionary<string, int>> CountByKindAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        (await SeenSinceAsync(from, int.MaxValue, cancellationToken).ConfigureAwait(false))
            .Where(i => i.FirstSeen < until).CountBy(i => i.Kind, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
}
