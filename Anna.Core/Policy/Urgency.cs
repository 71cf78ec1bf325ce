using Anna.Core.Vocabulary;
using Anna.Core.Issues;

namespace Anna.Core.Policy;

/// <summary>
/// Which heals run at once and which wait for the maintenance window. A failed service or a
/// critical issue (a disk about to fill) hurts now; updates, cache cleanup below critical,
/// orphan removal and log rotation can wait for a quiet hour.
/// </summary>
public static class Urgency
{
    /// <remarks>
    /// Today the issue alone decides: waiting hurts or it does not, whatever the fix. The
    /// category is taken so each candidate action is judged where the decision is made.
    /// </remarks>
    public static bool IsUrgent(Issue issue, ActionCategory category)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return issue.Kind == IssueKind.FailedService || issue.Severity == IssueSeverity.Critical;
    }
}
