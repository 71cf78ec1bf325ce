using Anna.Core.Vocabulary;
using Anna.Core.Events;
using Anna.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Rollback;

/// <summary>
/// Start-up: finishes every intent Anna left without an outcome when it died mid-action. It looks
/// at the machine: when every recorded change is in place the action is recorded as completed;
/// when only some are, what was done is rolled back; when none was recorded, nothing had changed
/// and it is recorded as rolled back too.
/// Each case ends with an outcome and the reason in the history row — none is left silent.
/// </summary>
public sealed class JournalRecovery(
    IActionJournal journal,
    RollbackExecutor rollback,
    IHealingConfig config,
    EngineEventFeed events,
    TimeProvider time,
    ILogger<JournalRecovery> logger)
{
    public async Task<IReadOnlyList<RecoveredAction>> RecoverAsync(CancellationToken cancellationToken)
    {
        var recovered = new List<RecoveredAction>();
        foreach (var record in await journal.UnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            RecoveredAction result;
            try
            {
                result = await RecoverAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // Left unfinished: the next start tries again (the bus may be back by then).
                logger.LogError(ex, "Could not recover action #{Id} ({Action} on {Subject}); it stays in progress until the next start",
                    record.Id, record.Entry.Action, record.Entry.Subject);
                continue;
            }
            logger.LogWarning("Action #{Id} ({Action} on {Subject}) was cut off when Anna stopped: {Outcome} — {Detail}",
                record.Id, record.Entry.Action, record.Entry.Subject, result.Outcome, result.Detail);
            recovered.Add(result);
        }
        return recovered;
    }

    private async Task<RecoveredAction> RecoverAsync(JournalRecord record, CancellationToken cancellationToken)
    {
        const string Cut = "Anna stopped while this action ran";
        var snapshot = record.Snapshot;
        ActionOutcome outcome;
        string detail;
        if (snapshot.IsEmpty)
        {
            // Every change is preceded by its durable step, so no step means no change: the
            // machine is as it was before the action, which is what rolled_back says.
            outcome = ActionOutcome.RolledBack;
            detail = $"{Cut}, before it changed anything (no rollback step was recorded); nothing to roll back";
        }
        else if (await rollback.IsAppliedAsync(snapshot, cancellationToken).ConfigureAwait(false))
        {
            outcome = ActionOutcome.Success;
            detail = $"{Cut}, after its changes were made; at start-up every change was found in place ({Describe(snapshot)}), so it is recorded as completed";
        }
        else
        {
            var steps = await rollback.UndoAsync(snapshot, force: true, cancellationToken).ConfigureAwait(false);
            var clean = steps.All(s => s.Succeeded);
            outcome = clean ? ActionOutcome.RolledBack : ActionOutcome.Failed;
            detail = $"{Cut}, half-way; at start-up it was rolled back{(clean ? "" : " as far as possible")}: {string.Join("; ", steps)}";
            if (clean && await rollback.TryReleaseAsync(snapshot, cancellationToken).ConfigureAwait(false) is { } leftover)
                detail += $"; {leftover}";
        }

        var finishedAt = time.GetUtcNow();
        var entry = record.Entry with
        {
            Outcome = outcome,
            Detail = $"{record.Entry.Detail} — {detail}",
            FinishedAt = finishedAt,
            DurationMs = (long)(finishedAt - record.Entry.StartedAt).TotalMilliseconds,
        };
        var (state, until, note) = outcome == ActionOutcome.Success
            ? UndoWindow.For(outcome, snapshot, finishedAt, config.Current.Rollback)
            : (UndoState.NotUndoable, (DateTimeOffset?)null, outcome switch
            {
                ActionOutcome.RolledBack when snapshot.IsEmpty => "cut off before it changed anything",
                ActionOutcome.RolledBack => "rolled back at start-up",
                _ => "recovery could not restore everything",
            });
        await journal.FinishAsync(record.Id, entry, snapshot, state, until, note, cancellationToken).ConfigureAwait(false);
        events.Publish(new EngineEvent(EngineEventKind.ActionRecovered, finishedAt, $"{record.Entry.Action} on {record.Entry.Subject}: {detail}", Entry: entry, Subject: record.Entry.Subject));
        return new RecoveredAction(record.Id, outcome, detail, record.Entry.IssueKind, record.Entry.Subject);
    }

    private static string Describe(RollbackSnapshot snapshot) =>
        string.Join("; ", snapshot.Steps.Select(s => $"undo would {s.Describe()}"));
}
