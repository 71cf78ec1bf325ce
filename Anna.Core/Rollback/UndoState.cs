namespace Anna.Core.Rollback;

/// <summary>Whether an action in the journal can still be undone.</summary>
public enum UndoState
{
    /// <summary>Nothing to undo: the action changed nothing, or kept nothing that undo could use.</summary>
    NotUndoable,
    Undoable,
    Undone,
    /// <summary>What undo needed is gone: rollback_timeout passed, history_size was exceeded, or the disk needed the space.</summary>
    Expired,
}
