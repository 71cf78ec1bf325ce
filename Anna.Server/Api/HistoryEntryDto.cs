using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>One history row as the API shows it.</summary>
/// <param name="UndoState">
/// not_undoable, undoable, undone or expired; rows that never ran an action (suggestions, queued,
/// rejected, dry runs) are not_undoable. Null where it was not looked up (live push).
/// </param>
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
    string? ApprovedBy,
    string? UndoState = null)
{
    public static HistoryEntryDto From(HistoryEntry e) => From(e, null);

    public static HistoryEntryDto From(HistoryEntry e, UndoState? undoState) => new(
        e.Id, e.IssueKind, e.Subject, e.Action, e.Category.ToName(), JsonNames.Snake(e.Risk),
        JsonNames.Snake(e.Policy), JsonNames.Snake(e.Decision), JsonNames.Snake(e.Consent), e.Reason,
        JsonNames.Snake(e.Outcome), e.StartedAt, e.FinishedAt, e.DurationMs, e.Detail, e.SessionId, e.ApprovedBy,
        undoState is { } state ? JsonNames.Snake(state) : null);
}
