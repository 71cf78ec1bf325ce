namespace Anna.Core.Rollback;

/// <summary>Knows how to check and undo one kind of <see cref="RollbackStep"/> on the real machine.</summary>
public interface IStepUndoer
{
    bool Handles(RollbackStep step);

    /// <summary>
    /// Whether the change this step guards is fully in place now. Start-up recovery uses it to
    /// tell an action that finished before Anna died from one that was cut off half-way.
    /// </summary>
    Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken);

    /// <summary>What changed since the action, which undo would overwrite; empty when nothing did.</summary>
    Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken);

    /// <summary>
    /// Reverses the step. Tolerates a change that was only partly made (recovery after a crash):
    /// what is already as it was before is left alone and said so.
    /// </summary>
    Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken);

    /// <summary>Frees what the step keeps for undo (backups, quarantined files, kept package files). Undo is impossible afterwards.</summary>
    Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken);
}
