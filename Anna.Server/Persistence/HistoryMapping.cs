using Anna.Core.History;
using Anna.Core.Insights;

namespace Anna.Server.Persistence;

/// <summary>Between the Core's history record and its row; kept apart so Core stays free of EF.</summary>
internal static class HistoryMapping
{
    public static ActionHistoryRow ToRow(HistoryEntry entry) => new()
    {
        IssueType = entry.IssueKind,
        Subject = entry.Subject,
        Action = entry.Action,
        Category = entry.Category,
        Risk = entry.Risk,
        Policy = entry.Policy,
        Decision = entry.Decision,
        Consent = entry.Consent,
        Reason = entry.Reason,
        Outcome = entry.Outcome,
        StartedAt = entry.StartedAt,
        FinishedAt = entry.FinishedAt,
        DurationMs = entry.DurationMs,
        Detail = entry.Detail,
        NoSpace = RootCauses.SaysNoSpace(entry.Detail),
        SessionId = entry.SessionId,
        ApprovedBy = entry.ApprovedBy,
    };

    public static HistoryEntry ToEntry(ActionHistoryRow row) => new()
    {
        Id = row.Id,
        IssueKind = row.IssueType,
        Subject = row.Subject,
        Action = row.Action,
        Category = row.Category,
        Risk = row.Risk,
        Policy = row.Policy,
        Decision = row.Decision,
        Consent = row.Consent,
        Reason = row.Reason,
        Outcome = row.Outcome,
        StartedAt = row.StartedAt,
        FinishedAt = row.FinishedAt,
        DurationMs = row.DurationMs,
        Detail = row.Detail,
        SessionId = row.SessionId,
        ApprovedBy = row.ApprovedBy,
    };
}
