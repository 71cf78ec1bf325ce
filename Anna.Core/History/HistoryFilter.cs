using Anna.Core.Vocabulary;

namespace Anna.Core.History;

/// <summary>
/// What a history listing is narrowed to; an unset field matches everything. Stores apply it in
/// their query, before paging, so a page of matches stays a page of matches however long the
/// history grows.
/// </summary>
public sealed record HistoryFilter
{
    public static readonly HistoryFilter None = new();

    /// <summary>One of <see cref="Issues.IssueKind"/>.</summary>
    public string? IssueKind { get; init; }

    /// <summary>The action's name (restart_service, clean_package_cache, undo, …).</summary>
    public string? Action { get; init; }

    public ActionOutcome? Outcome { get; init; }

    /// <summary>Earliest start shown, inclusive.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Start times before this instant are shown; exclusive, so whole days chain without overlap.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Part of the subject (unit name, mount point, …), ignoring ASCII case; blank matches everything.</summary>
    public string? Subject { get; init; }

    /// <summary>The subject text to look for, trimmed; null when the subject does not narrow anything.</summary>
    public string? SubjectText => string.IsNullOrWhiteSpace(Subject) ? null : Subject.Trim();

    public bool IsEmpty => IssueKind is null && Action is null && Outcome is null && From is null && Until is null && SubjectText is null;

    /// <summary>The filter as a list in memory applies it; the SQLite store translates the same rules.</summary>
    public bool Matches(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (IssueKind is not null && entry.IssueKind != IssueKind)
            return false;
        if (Action is not null && entry.Action != Action)
            return false;
        if (Outcome is { } outcome && entry.Outcome != outcome)
            return false;
        if (From is { } from && entry.StartedAt < from)
            return false;
        if (Until is { } until && entry.StartedAt >= until)
            return false;
        return SubjectText is not { } subject || ContainsIgnoringAsciiCase(entry.Subject, subject);
    }

    // SQLite's LIKE folds ASCII letters only; the in-memory rule must not match more than it does.
    private static bool ContainsIgnoringAsciiCase(string text, string part)
    {
        static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        for (var start = 0; start + part.Length <= text.Length; start++)
        {
            var i = 0;
            while (i < part.Length && Fold(text[start + i]) == Fold(part[i]))
                i++;
            if (i == part.Length)
                return true;
        }
        return false;
    }
}
