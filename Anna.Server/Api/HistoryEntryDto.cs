using Anna.Core.Actions;
using Anna.Core.History;

namespace Anna.Server.Api;

/// <summary>One history row as the API shows it.</summary>
public sealed record HistoryEntryDto(
    long Id,
    string IssueType,
    string Subject,
    string Action,
    string Category,
    string Risk,
    string Policy,
    string Decision,
    string Consent,
    string Reason,
    string Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long DurationMs,
    string Detail,
    Guid? SessionId,
    string? ApprovedBy)
{
    public static HistoryEntryDto From(HistoryEntry e) => new(
        e.Id, e.IssueKind, e.Subject, e.Action, e.Category.ToName(), JsonNames.Snake(e.Risk),
        JsonNames.Snake(e.Policy), JsonNames.Snake(e.Decision), JsonNames.Snake(e.Consent), e.Reason,
        JsonNames.Snake(e.Outcome), e.StartedAt, e.FinishedAt, e.DurationMs, e.Detail, e.SessionId, e.ApprovedBy);
}
