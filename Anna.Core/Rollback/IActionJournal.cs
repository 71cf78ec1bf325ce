using Anna.Core.History;
using Anna.Core.Issues;

namespace Anna.Core.Rollback;

/// <summary>
/// The write-ahead journal of actions that touch the machine. Every write is durable before it
/// returns (SQLite WAL with synchronous FULL): an intent and each rollback step are on disk
/// before the change they describe is made, so a crash never leaves a change without a record.
/// The history row and the journal record are written together.
/// </summary>
public interface IActionJournal
{
    /// <summary>
    /// Grows with every write (after it is durable): whoever keeps an answer read from the journal
    /// compares it to know whether the answer may have changed.
    /// </summary>
    long Version { get; }

    /// <summary>Writes the intent: a history row with outcome in_progress, and the issue. Returns the history id.</summary>
    Task<long> BeginAsync(HistoryEntry intent, Issue issue, CancellationToken cancellationToken);

    /// <summary>Replaces the record's snapshot with these steps (all recorded so far), durably.</summary>
    Task RecordStepsAsync(long id, IReadOnlyList<RollbackStep> steps, CancellationToken cancellationToken);

    /// <summary>Writes the outcome (the finished history row), the final snapshot with post-state, and the undo state.</summary>
    Task FinishAsync(long id, HistoryEntry outcome, RollbackSnapshot snapshot, UndoState undoState, DateTimeOffset? undoableUntil,
        string? undoNote, CancellationToken cancellationToken);

    Task<JournalRecord?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Intents without an outcome, oldest first.</summary>
    Task<IReadOnlyList<JournalRecord>> UnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Records that can still be undone, newest first.</summary>
    Task<IReadOnlyList<JournalRecord>> UndoableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records that can still be undone and keep files for it (<see cref="RollbackSnapshot.KeepsFiles"/>),
    /// newest first: what holds disk space. Health asks for this on every call, and most undoable
    /// actions (restarts, policy edits) keep nothing, so the store answers it without reading them.
    /// </summary>
    Task<IReadOnlyList<JournalRecord>> UndoableKeepingFilesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The undo state of each of these history ids that has a journal record (one query for a page
    /// of history); ids of rows that never ran an action are left out.
    /// </summary>
    Task<IReadOnlyDictionary<long, JournalUndoState>> UndoStatesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    Task SetUndoStateAsync(long id, UndoState state, string note, CancellationToken cancellationToken);
}
