using Anna.Core.Sessions;

namespace Anna.Server.Persistence;

/// <summary>Between the Core's healing session record and its row.</summary>
internal static class SessionMapping
{
    public static HealingSessionRow ToRow(HealingSessionRecord session) => new()
    {
        Id = session.Id,
        Trigger = session.Trigger,
        StartedAt = session.StartedAt,
        FinishedAt = session.FinishedAt,
        StateBefore = session.StateBefore,
        StateAfter = session.StateAfter,
        IssuesSeen = session.IssuesSeen,
        Executed = session.Executed,
        Succeeded = session.Succeeded,
        Failed = session.Failed,
        Suggested = session.Suggested,
        Queued = session.Queued,
        OverBudget = session.OverBudget,
    };

    public static HealingSessionRecord ToRecord(HealingSessionRow row) => new()
    {
        Id = row.Id,
        Trigger = row.Trigger,
        StartedAt = row.StartedAt,
        FinishedAt = row.FinishedAt,
        StateBefore = row.StateBefore,
        StateAfter = row.StateAfter,
        IssuesSeen = row.IssuesSeen,
        Executed = row.Executed,
        Succeeded = row.Succeeded,
        Failed = row.Failed,
        Suggested = row.Suggested,
        Queued = row.Queued,
        OverBudget = row.OverBudget,
    };
}
