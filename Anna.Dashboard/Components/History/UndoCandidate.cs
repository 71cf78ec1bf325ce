using Anna.Core.History;
using Anna.Core.Rollback;

namespace Anna.Dashboard.Components.History;

/// <summary>
/// An action a person asked to undo, as the confirmation dialog lists it: its history row, the
/// steps undo would run, and — when it was checked — whether undo would run and why not.
/// </summary>
/// <param name="Entry">Null when the journal has no such action.</param>
/// <param name="Check">Null for "undo last N", where the undo service picks and checks each one as it goes.</param>
public sealed record UndoCandidate(long Id, HistoryEntry? Entry, RollbackSnapshot Snapshot, UndoResult? Check)
{
    /// <summary>Whether undo would run: available, or drifted in files only when the person chose to force it.</summary>
    public bool WillRun(bool force) => Check is null
        || Check.Status == UndoStatus.Available
        || (force && Check.Status == UndoStatus.Drifted && Check.Drifts.Count > 0 && Check.Drifts.All(d => d.FileOnly));
}
