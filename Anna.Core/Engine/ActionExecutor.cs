using Anna.Core.Vocabulary;
using System.Diagnostics;
using Anna.Core.Actions;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;

namespace Anna.Core.Engine;

/// <summary>
/// The executor every door's actions go through: journal the intent, act (each change preceded
/// by its durable rollback step), roll back on failure when auto_rollback_on_failure says so,
/// then write the outcome with its post-state and undo window. A crash anywhere in between leaves
/// an intent that start-up recovery finishes (<see cref="Rollback.JournalRecovery"/>).
/// </summary>
public sealed class ActionExecutor(
    IActionJournal journal,
    RollbackExecutor rollback,
    IFaultInjector faults,
    RollbackStorage storage,
    IHealingConfig config,
    TimeProvider time)
{
    /// <param name="intent">The history row to write before acting; its outcome is replaced.</param>
    /// <param name="onStarted">Called once the intent is durable, with its id (events, logs).</param>
    public async Task<(HistoryEntry Entry, ActionResult Result)> ExecuteAsync(
        Issue issue, IHealingAction action, HistoryEntry intent, Action<HistoryEntry>? onStarted = null)
    {
        var clock = Stopwatch.StartNew();
        intent = intent with { Outcome = ActionOutcome.InProgress, Detail = action.Describe(issue) };
        var id = await journal.BeginAsync(intent, issue, CancellationToken.None).ConfigureAwait(false);
        intent = intent with { Id = id };
        onStarted?.Invoke(intent);
        await faults.ReachedAsync(FaultPoint.IntentWritten, id, CancellationToken.None).ConfigureAwait(false);

        var scope = ActionScope.Journaled(id, journal, faults, storage);
        ActionResult result;
        try
        {
            result = await action.ExecuteAsync(issue, scope, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ExecutorHaltedException and not OutOfMemoryException)
        {
            result = ActionResult.Fail($"{ex.GetType().Name}: {ex.Message}");
        }
        await faults.ReachedAsync(FaultPoint.Acted, id, CancellationToken.None).ConfigureAwait(false);

        var snapshot = scope.Snapshot;
        var outcome = result.Succeeded ? ActionOutcome.Success : ActionOutcome.Failed;
        var detail = result.Detail;
        if (!result.Succeeded && !snapshot.IsEmpty && config.Current.Rollback.AutoRollbackOnFailure)
        {
            var steps = await rollback.UndoAsync(snapshot, force: false, CancellationToken.None).ConfigureAwait(false);
            var rolledBack = steps.All(s => s.Succeeded);
            outcome = rolledBack ? ActionOutcome.RolledBack : ActionOutcome.Failed;
            if (rolledBack && await rollback.TryReleaseAsync(snapshot, CancellationToken.None).ConfigureAwait(false) is { } leftover)
                detail += $"; {leftover}";
            detail += $"; auto_rollback_on_failure {(rolledBack ? "put the machine back" : "could not put everything back")}: {string.Join("; ", steps)}";
        }

        var finishedAt = time.GetUtcNow();
        var entry = intent with { Outcome = outcome, Detail = detail, FinishedAt = finishedAt, DurationMs = clock.ElapsedMilliseconds };
        var (state, until, note) = UndoWindow.For(outcome, snapshot, finishedAt, config.Current.Rollback);
        await journal.FinishAsync(id, entry, snapshot, state, until, note, CancellationToken.None).ConfigureAwait(false);
        return (entry, result);
    }
}
