using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;

namespace Anna.Core.Actions;

/// <summary>Builds history entries from what the engine knows when it decides or acts.</summary>
public static class HistoryEntries
{
    public static HistoryEntry For(Issue issue, IHealingAction action, Decision decision, HealingPolicy policy,
        ActionOutcome outcome, DateTimeOffset startedAt) => new()
    {
        IssueKind = issue.Kind,
        Subject = issue.Subject,
        Action = action.Name,
        Category = action.Category,
        Risk = action.Risk,
        Policy = policy,
        Decision = decision.Kind,
        Consent = decision.Consent,
        Reason = decision.Reason,
        Outcome = outcome,
        StartedAt = startedAt,
    };
}
