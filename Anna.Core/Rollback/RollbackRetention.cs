using Anna.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Rollback;

/// <summary>
/// Keeps what undo needs only as long as the policy says: an action stops being undoable when
/// rollback_timeout has passed or when it is older than the newest history_size undoable actions.
/// Its backups, quarantined files and kept package files are then purged; the history row stays.
/// </summary>
public sealed class RollbackRetention(
    IActionJournal journal,
    RollbackExecutor rollback,
    IHealingConfig config,
    TimeProvider time,
    ILogger<RollbackRetention> logger)
{
    /// <summary>Expires what is past its window; returns how many actions stopped being undoable.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var options = config.Current.Rollback;
        var now = time.GetUtcNow();
        var expired = 0;
        var kept = 0;
        foreach (var record in await journal.UndoableAsync(cancellationToken).ConfigureAwait(false))
        {
            string? why = null;
            if (record.UndoableUntil is { } until && until <= now)
                why = $"rollback_timeout ({options.RollbackTimeoutMinutes} min) passed at {until:u}";
            else if (++kept > options.HistorySize)
                why = $"history_size ({options.HistorySize}) keeps only the newest undoable actions";
            if (why is null)
                continue;
            try
            {
                await ExpireAsync(record, why, cancellationToken).ConfigureAwait(false);
                expired++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One action whose kept files cannot be purged (a disk error, a file held) must not keep
                // every other one, or the critical-disk purge after it, from running; it is tried again next time.
                logger.LogWarning(ex, "Could not purge what action #{Id} kept for undo; trying again at the next pass", record.Id);
            }
        }
        return expired;
    }

    /// <summary>Purges one action's kept state now (e.g. the disk is critical and needs the space) and records why.</summary>
    public async Task ExpireAsync(JournalRecord record, string why, CancellationToken cancellationToken)
    {
        await rollback.ReleaseAsync(record.Snapshot, cancellationToken).ConfigureAwait(false);
        await journal.SetUndoStateAsync(record.Id, UndoState.Expired, $"{why}; what undo needed was purged", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Action #{Id} ({Action} on {Subject}) is no longer undoable: {Why}", record.Id, record.Entry.Action, record.Entry.Subject, why);
    }
}
