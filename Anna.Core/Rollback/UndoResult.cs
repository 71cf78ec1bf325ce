namespace Anna.Core.Rollback;

/// <summary>What an undo request did (or why it did nothing).</summary>
/// <param name="Id">The history id of the action asked to be undone.</param>
/// <param name="UndoEntryId">The history row recording the undo itself, when it ran.</param>
public sealed record UndoResult(
    long Id,
    UndoStatus Status,
    string Detail,
    IReadOnlyList<Drift> Drifts,
    IReadOnlyList<StepOutcome> Steps,
    long? UndoEntryId = null)
{
    public bool Refused => Status is not (UndoStatus.Available or UndoStatus.Undone or UndoStatus.Failed);

    public static UndoResult Refuse(long id, UndoStatus status, string detail, IReadOnlyList<Drift>? drifts = null) =>
        new(id, status, detail, drifts ?? [], []);
}
