using Anna.Core.Actions;
using Anna.Core.History;

namespace Anna.Dashboard.Components.History;

/// <summary>What the person narrowed the history list to; an unset field matches everything.</summary>
public sealed record HistoryFilter
{
    public static readonly HistoryFilter None = new();

    public string? IssueKind { get; init; }

    public ActionOutcome? Outcome { get; init; }

    /// <summary>First day shown, in the host's local time (the time column shows local time too).</summary>
    public DateTime? From { get; init; }

    /// <summary>Last day shown, inclusive, in the host's local time.</summary>
    public DateTime? To { get; init; }

    /// <summary>Part of the subject (unit name, mount point, …), case-insensitive.</summary>
    public string? Subject { get; init; }

    public bool Matches(HistoryEntry entry)
    {
        if (IssueKind is not null && entry.IssueKind != IssueKind)
            return false;
        if (Outcome is { } outcome && entry.Outcome != outcome)
            return false;
        var day = entry.StartedAt.ToLocalTime().Date;
        if (From is { } from && day < from.Date)
            return false;
        if (To is { } to && day > to.Date)
            return false;
        return string.IsNullOrWhiteSpace(Subject)
            || entry.Subject.Contains(Subject.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
