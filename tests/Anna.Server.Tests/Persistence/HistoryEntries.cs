using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Server.Tests.Persistence;

/// <summary>Builds history entries; only what a test cares about is passed.</summary>
internal static class HistoryEntries
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static HistoryEntry Restart(
        DateTimeOffset startedAt,
        ActionOutcome outcome = ActionOutcome.Success,
        string issueKind = IssueKind.FailedService,
        string subject = "nginx.service",
        long durationMs = 100) => new()
        {
            IssueKind = issueKind,
            Subject = subject,
            Action = "restart_service",
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.Low,
            Policy = HealingPolicy.Supervised,
            Decision = outcome == ActionOutcome.Suggested ? DecisionKind.Suggest : DecisionKind.Execute,
            Consent = ConsentLevel.Implied,
            Reason = "service_restart is in auto_heal and low risk",
            Outcome = outcome,
            StartedAt = startedAt,
            FinishedAt = startedAt.AddMilliseconds(durationMs),
            DurationMs = durationMs,
            Detail = "job done",
        };
}
