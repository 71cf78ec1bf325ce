using Anna.Core.History;
using Anna.Core.Rollback;

namespace Anna.Server.Api;

/// <summary>
/// GET /api/v1/history/{id}: the entry with its journal side — undo state, how long it stays
/// undoable, the note on why it is (not) undoable, the recorded rollback steps, and whether undo
/// would run now. <paramref name="Journaled"/> is false for rows that never ran an action.
/// </summary>
public sealed record HistoryDetailDto(
    HistoryEntryDto Entry,
    bool Journaled,
    string UndoState,
    DateTimeOffset? UndoableUntil,
    string? UndoNote,
    IReadOnlyList<RollbackStepDto> Steps,
    UndoCheckDto Undo)
{
    public static HistoryDetailDto From(JournalRecord record, UndoResult check, DateTimeOffset now)
    {
        var state = new JournalUndoState(record.Id, record.UndoState, record.UndoableUntil).At(now);
        return new(
            HistoryEntryDto.From(record.Entry, state), true, JsonNames.Snake(state), record.UndoableUntil, record.UndoNote,
            record.Snapshot.Steps.Select(RollbackStepDto.From).ToList(), UndoCheckDto.From(check));
    }

    /// <summary>A suggestion, a queued or rejected approval, a dry run: nothing ran, so nothing is journaled or undoable.</summary>
    public static HistoryDetailDto NotJournaled(HistoryEntry entry)
    {
        const string Why = "nothing ran for this entry (suggested, queued, rejected, deferred or a dry run): there is nothing to undo";
        return new(
            HistoryEntryDto.From(entry, Core.Rollback.UndoState.NotUndoable), false, JsonNames.Snake(Core.Rollback.UndoState.NotUndoable), null, Why, [],
            new UndoCheckDto(false, JsonNames.Snake(UndoStatus.NotUndoable), $"#{entry.Id}: {Why}", []));
    }
}
