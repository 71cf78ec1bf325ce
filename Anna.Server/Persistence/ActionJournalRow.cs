using Anna.Core.Rollback;

namespace Anna.Server.Persistence;

/// <summary>A row of <c>action_journal</c>: the rollback side of one <c>action_history</c> row (same id).</summary>
public sealed class ActionJournalRow
{
    /// <summary>The id of the history row this record belongs to.</summary>
    public long Id { get; set; }
    public required string IssueJson { get; set; }
    /// <summary>The rollback steps as JSON (see <see cref="RollbackSnapshot.ToJson"/>).</summary>
    public required string SnapshotJson { get; set; }
    public UndoState UndoState { get; set; }
    /// <summary>Whether the snapshot keeps files for undo (<see cref="RollbackSnapshot.KeepsFiles"/>), so that what holds disk space is found without reading every snapshot.</summary>
    public bool KeepsFiles { get; set; }
    public DateTimeOffset? UndoableUntil { get; set; }
    public string? UndoNote { get; set; }
}
