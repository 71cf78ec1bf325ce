namespace Anna.Core.Rollback;

/// <summary>
/// Runs a snapshot's steps through the undoer for each kind: drift checks, undo in reverse order,
/// recovery's "is it all in place", and release of what was kept.
/// </summary>
public sealed class RollbackExecutor(IEnumerable<IStepUndoer> undoers)
{
    private readonly IReadOnlyList<IStepUndoer> _undoers = undoers.ToList();

    public async Task<IReadOnlyList<Drift>> DriftAsync(RollbackSnapshot snapshot, CancellationToken cancellationToken)
    {
        var drifts = new List<Drift>();
        foreach (var step in snapshot.Steps)
            drifts.AddRange(await For(step).DriftAsync(step, cancellationToken).ConfigureAwait(false));
        return drifts;
    }

    /// <summary>True when every step's change is in place.</summary>
    public async Task<bool> IsAppliedAsync(RollbackSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var step in snapshot.Steps)
        {
            if (!await For(step).IsAppliedAsync(step, cancellationToken).ConfigureAwait(false))
                return false;
        }
        return true;
    }

    /// <summary>Undoes every step, last recorded first. A failed step does not stop the others: each is reported.</summary>
    public async Task<IReadOnlyList<StepOutcome>> UndoAsync(RollbackSnapshot snapshot, bool force, CancellationToken cancellationToken)
    {
        var outcomes = new List<StepOutcome>();
        foreach (var step in snapshot.Steps.Reverse())
        {
            try
            {
                outcomes.Add(await For(step).UndoAsync(step, force, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                outcomes.Add(new StepOutcome(step.Describe(), false, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }
        return outcomes;
    }

    public async Task ReleaseAsync(RollbackSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var step in snapshot.Steps)
            await For(step).ReleaseAsync(step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Releases what a snapshot kept once it is of no more use (the changes were undone); a failure
    /// here must not stop the outcome from being written, so it is returned, not thrown.
    /// </summary>
    public async Task<string?> TryReleaseAsync(RollbackSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await ReleaseAsync(snapshot, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return $"what undo kept could not all be removed: {ex.Message}";
        }
    }

    private IStepUndoer For(RollbackStep step) =>
        _undoers.FirstOrDefault(u => u.Handles(step))
        ?? throw new InvalidOperationException($"no undoer is registered for {step.GetType().Name}");
}
