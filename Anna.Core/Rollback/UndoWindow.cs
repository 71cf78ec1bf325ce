using Anna.Core.Vocabulary;
using Anna.Core.Policy;

namespace Anna.Core.Rollback;

/// <summary>How long a finished action stays undoable, from its outcome and what it recorded.</summary>
public static class UndoWindow
{
    public static (UndoState State, DateTimeOffset? Until, string? Note) For(
        ActionOutcome outcome, RollbackSnapshot snapshot, DateTimeOffset finishedAt, RollbackOptions options)
    {
        if (snapshot.IsEmpty)
            return (UndoState.NotUndoable, null, "the action changed nothing that needs undoing");
        if (outcome == ActionOutcome.RolledBack)
            return (UndoState.NotUndoable, null, "already rolled back");
        return (UndoState.Undoable, finishedAt.AddMinutes(options.RollbackTimeoutMinutes), null);
    }
}
