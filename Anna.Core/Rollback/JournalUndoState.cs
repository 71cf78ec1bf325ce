namespace Anna.Core.Rollback;

/// <summary>The undo side of one journal record, without its snapshot: what a page of history shows per row.</summary>
public sealed record JournalUndoState(long Id, UndoState State, DateTimeOffset? UndoableUntil)
{
    /// <summary>
    /// The state as of <paramref name="now"/>: an undoable record whose rollback_timeout has passed
    /// reads as expired even before retention gets round to purging it.
    /// </summary>
    public UndoState At(DateTimeOffset now) =>
        State == UndoState.Undoable && UndoableUntil is { } until && until < now ? UndoState.Expired : State;
}
