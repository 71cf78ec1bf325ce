namespace Anna.Core.Insights;

/// <summary>The occurrences of issues Anna recorded, open and resolved.</summary>
public interface IIssueLog
{
    /// <summary>Occurrences seen at or after <paramref name="since"/> (last seen), oldest first, at most <paramref name="limit"/> of the newest.</summary>
    Task<IReadOnlyList<IssueRecord>> SeenSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);
}
