using Anna.Core.Vocabulary;
using System.Diagnostics;
using Anna.Core.Events;
using Anna.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Rollback;

/// <summary>
/// Undo, for every door (API, dashboard): refuses with a reason and changes nothing when it can't
/// be done safely — expired, already undone, still running, or the machine drifted since (force
/// overrides drift of files only) — otherwise runs the snapshot's steps in reverse and records the
/// undo as an action of its own, with who asked.
/// </summary>
public sealed class UndoService(
    IActionJournal journal,
    RollbackExecutor rollback,
    EngineEventFeed events,
    TimeProvider time,
    ILogger<UndoService> logger)
{
    public const string UndoActionName = "undo";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Whether undo would run now, and if not why — what the dashboard shows beside the button.</summary>
    public async Task<UndoResult> CheckAsync(long id, CancellationToken cancellationToken)
    {
        var record = await journal.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return await RefusalAsync(id, record, force: false, cancellationToken).ConfigureAwait(false)
            ?? new UndoResult(id, UndoStatus.Available, $"can be undone until {record!.UndoableUntil:u}: {Describe(record.Snapshot)}", [], []);
    }

    public async Task<UndoResult> UndoAsync(long id, string requestedBy, bool force, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await UndoOneAsync(id, requestedBy, force, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Undoes the <paramref name="count"/> newest undoable actions, newest first; stops at the first that cannot be undone.</summary>
    public async Task<IReadOnlyList<UndoResult>> UndoLastAsync(int count, string requestedBy, bool force, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<UndoResult>();
            foreach (var record in (await journal.UndoableAsync(cancellationToken).ConfigureAwait(false)).Take(count))
            {
                var result = await UndoOneAsync(record.Id, requestedBy, force, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                if (result.Status != UndoStatus.Undone)
                    break;
            }
            return results;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<UndoResult> UndoOneAsync(long id, string requestedBy, bool force, CancellationToken cancellationToken)
    {
        var record = await journal.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (await RefusalAsync(id, record, force, cancellationToken).ConfigureAwait(false) is { } refusal)
            return refusal;

        var clock = Stopwatch.StartNew();
        var startedAt = time.GetUtcNow();
        var original = record!.Entry;
        var intent = original with
        {
            Id = 0,
            Action = UndoActionName,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Explicit,
            Reason = $"undo of #{id} ({original.Action} on {original.Subject}) asked by {requestedBy}{(force ? ", forced past drift" : "")}",
            Outcome = ActionOutcome.InProgress,
            StartedAt = startedAt,
            FinishedAt = null,
            DurationMs = 0,
            Detail = Describe(record.Snapshot),
            SessionId = null,
            ApprovedBy = requestedBy,
        };
        var undoId = await journal.BeginAsync(intent, record.Issue, cancellationToken).ConfigureAwait(false);
        var steps = await rollback.UndoAsync(record.Snapshot, force, cancellationToken).ConfigureAwait(false);
        var succeeded = steps.All(s => s.Succeeded);
        var finishedAt = time.GetUtcNow();
        var entry = intent with
        {
            Id = undoId,
            Outcome = succeeded ? ActionOutcome.Success : ActionOutcome.Failed,
            Detail = string.Join("; ", steps),
            FinishedAt = finishedAt,
            DurationMs = clock.ElapsedMilliseconds,
        };
        await journal.FinishAsync(undoId, entry, RollbackSnapshot.Empty, UndoState.NotUndoable, null, "an undo is not itself undone", cancellationToken)
            .ConfigureAwait(false);
        if (succeeded)
        {
            await journal.SetUndoStateAsync(id, UndoState.Undone, $"undone by #{undoId} ({requestedBy}) at {finishedAt:u}", cancellationToken).ConfigureAwait(false);
            // Everything is back: the backups, kept package files and empty quarantine directories
            // have served their purpose and would otherwise stay until nothing ever purges them.
            if (await rollback.TryReleaseAsync(record.Snapshot, cancellationToken).ConfigureAwait(false) is { } leftover)
                logger.LogWarning("Undo of #{Id} is done, but {Leftover}", id, leftover);
        }
        else
            await journal.SetUndoStateAsync(id, UndoState.Undoable, $"undo #{undoId} failed; it can be tried again", cancellationToken).ConfigureAwait(false);

        logger.LogInformation("Undo of #{Id} asked by {Who}: {Outcome} — {Detail}", id, requestedBy, entry.Outcome, entry.Detail);
        events.Publish(new EngineEvent(EngineEventKind.ActionUndone, finishedAt, $"Undo of {original.Action} on {original.Subject}: {entry.Detail}", record.Issue, entry));
        return new UndoResult(id, succeeded ? UndoStatus.Undone : UndoStatus.Failed, entry.Detail, [], steps, undoId);
    }

    private async Task<UndoResult?> RefusalAsync(long id, JournalRecord? record, bool force, CancellationToken cancellationToken)
    {
        if (record is null)
            return UndoResult.Refuse(id, UndoStatus.NotFound, $"no action #{id} in the journal");
        if (record.IsUnfinished)
            return UndoResult.Refuse(id, UndoStatus.InProgress, $"#{id} is still running");
        switch (record.UndoState)
        {
            case UndoState.Undone:
                return UndoResult.Refuse(id, UndoStatus.AlreadyUndone, $"#{id} was already undone: {record.UndoNote}");
            case UndoState.Expired:
                return UndoResult.Refuse(id, UndoStatus.Expired, $"#{id} can no longer be undone: {record.UndoNote}");
            case UndoState.NotUndoable:
                return UndoResult.Refuse(id, UndoStatus.NotUndoable, $"#{id} has nothing to undo: {record.UndoNote ?? "no rollback step was recorded"}");
        }
        // Undoing under a running action on the same subject (a restart being verified, say)
        // would pull the machine out from under it; the person can ask again in a moment.
        if ((await journal.UnfinishedAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.Id != id && r.Entry.Subject == record.Entry.Subject) is { } running)
            return UndoResult.Refuse(id, UndoStatus.InProgress, $"#{running.Id} ({running.Entry.Action}) is running on {record.Entry.Subject} now; undo #{id} when it has finished");
        if (record.UndoableUntil is { } until && until < time.GetUtcNow())
            return UndoResult.Refuse(id, UndoStatus.Expired, $"#{id} could be undone until {until:u} (rollback_timeout); that has passed");

        var drifts = await rollback.DriftAsync(record.Snapshot, cancellationToken).ConfigureAwait(false);
        if (drifts.Count == 0)
            return null;
        var blocking = force ? drifts.Where(d => !d.FileOnly).ToList() : drifts.ToList();
        if (blocking.Count == 0)
            return null;
        var hint = !force && drifts.All(d => d.FileOnly) ? " (force overrides drift of files)" : "";
        return UndoResult.Refuse(id, UndoStatus.Drifted,
            $"#{id} cannot be undone safely: the machine changed since{hint}: {string.Join("; ", blocking)}", blocking);
    }

    private static string Describe(RollbackSnapshot snapshot) =>
        string.Join("; ", snapshot.Steps.Reverse().Select(s => s.Describe()));
}
