using Anna.Core.History;
using Anna.Core.Issues;

namespace Anna.Core.Rollback;

/// <summary>
/// One action in the journal: its history row, the issue it acted on, its rollback snapshot
/// and whether it can still be undone (and why not, in <paramref name="UndoNote"/>).
/// </summary>
public sealed record JournalRecord(
    HistoryEntry Entry,
    Issue Issue,
    RollbackSnapshot Snapshot,
    UndoState UndoState,
    DateTimeOffset? UndoableUntil,
    string? UndoNote)
{
    public long Id => Entry.Id;

    /// <summary>The intent was written but no outcome: Anna stopped while the action ran.</summary>
    public bool IsUnfinished => Entry.Outcome == Vocabulary.ActionOutcome.InProgress;
}
