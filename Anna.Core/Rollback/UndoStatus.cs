namespace Anna.Core.Rollback;

/// <summary>How an undo request ended. Every status but <see cref="Undone"/> and <see cref="Failed"/> is a refusal: nothing was changed.</summary>
public enum UndoStatus
{
    /// <summary>Only from a check: undo would run now.</summary>
    Available,
    Undone,
    /// <summary>Undo ran but a step failed; the steps say which.</summary>
    Failed,
    NotFound,
    /// <summary>The action changed nothing that needs undoing, or was already rolled back.</summary>
    NotUndoable,
    Expired,
    AlreadyUndone,
    /// <summary>The action is still running.</summary>
    InProgress,
    /// <summary>The machine changed since the action; undo would overwrite that change.</summary>
    Drifted,
}
