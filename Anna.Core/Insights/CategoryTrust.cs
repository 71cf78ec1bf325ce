using Anna.Core.History;
using Anna.Core.Policy;
using Anna.Core.Vocabulary;

namespace Anna.Core.Insights;

/// <summary>
/// Healing that learns from its own results. A category whose automatic fixes keep failing — at
/// least <see cref="DemoteFailures"/> of its last <see cref="Recent"/> automatic runs, on as many
/// different subjects (one crash-looping unit is its own breaker's business, not a sign that
/// restarts in general do not help) — is demoted:
/// Anna asks first instead of acting, and says why in each request and history row. It is
/// promoted back once people have approved it <see cref="PromoteAfter"/> times in a row and each
/// of those runs succeeded. It only ever asks more than the policy does, never less: what
/// healing.toml forbids stays forbidden. The state is rebuilt from history at start-up, so it
/// survives restarts without a table of its own.
/// </summary>
public sealed class CategoryTrust
{
    public const int Recent = 5;
    public const int DemoteFailures = 3;
    public const int PromoteAfter = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<ActionCategory, CategoryRecord> _records = [];

    /// <summary>Why <paramref name="category"/> asks first now; null when its fixes may run as the policy says.</summary>
    public string? Demotion(ActionCategory category)
    {
        lock (_gate)
            return _records.TryGetValue(category, out var record) ? record.DemotedBecause : null;
    }

    /// <summary>Books an executed fix: automatic ones can demote the category, approved ones promote it back.</summary>
    public void Record(ActionCategory category, ConsentLevel consent, bool succeeded, long historyId, string subject)
    {
        if (consent == ConsentLevel.None)
            return;
        lock (_gate)
        {
            if (!_records.TryGetValue(category, out var record))
                _records[category] = record = new CategoryRecord();
            if (consent == ConsentLevel.Implied)
                RecordAutomatic(category, record, succeeded, historyId, subject);
            else if (record.DemotedBecause is not null)
                RecordApproved(record, succeeded);
        }
    }

    /// <summary>Replays executed history, oldest first (start-up).</summary>
    public void Replay(IEnumerable<HistoryEntry> executed)
    {
        foreach (var entry in executed.OrderBy(e => e.Id))
        {
            if (entry.Outcome is ActionOutcome.Success or ActionOutcome.Failed or ActionOutcome.RolledBack)
                Record(entry.Category, entry.Consent, entry.Outcome == ActionOutcome.Success, entry.Id, entry.Subject);
        }
    }

    private static void RecordAutomatic(ActionCategory category, CategoryRecord record, bool succeeded, long historyId, string subject)
    {
        record.Automatic.Enqueue((succeeded, historyId, subject));
        while (record.Automatic.Count > Recent)
            record.Automatic.Dequeue();
        var failed = record.Automatic.Where(r => !r.Succeeded).ToList();
        var subjects = failed.Select(r => r.Subject).Distinct(StringComparer.Ordinal).Count();
        if (record.DemotedBecause is null && failed.Count >= DemoteFailures && subjects >= DemoteFailures)
        {
            record.DemotedBecause = $"{failed.Count} of the last {record.Automatic.Count} automatic {category.ToName()} fixes failed " +
                $"({string.Join(", ", failed.Select(r => $"#{r.HistoryId}"))}); Anna asks first until people approve it {PromoteAfter} times and it works";
            record.ApprovedSuccesses = 0;
        }
    }

    private static void RecordApproved(CategoryRecord record, bool succeeded)
    {
        record.ApprovedSuccesses = succeeded ? record.ApprovedSuccesses + 1 : 0;
        if (record.ApprovedSuccesses < PromoteAfter)
            return;
        record.DemotedBecause = null;
        record.ApprovedSuccesses = 0;
        // A fresh start: the failures that demoted it no longer count against it.
        record.Automatic.Clear();
    }

    private sealed class CategoryRecord
    {
        public Queue<(bool Succeeded, long HistoryId, string Subject)> Automatic { get; } = new();

        public string? DemotedBecause { get; set; }

        public int ApprovedSuccesses { get; set; }
    }
}
