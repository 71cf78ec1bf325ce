using Anna.Core.Linux;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Rollback;

/// <summary>
/// When a filesystem holding files kept for undo — quarantined files, backups (a rotated log's
/// copy in the data directory), kept package files — is critical ([probes.disk] critical
/// thresholds), keeping them would be the wrong trade: every action with files kept there is
/// expired now, all it kept purged, and the history says so ("disk critical: purged early") — the
/// action is no longer undoable and nobody is told otherwise.
/// </summary>
public sealed class CriticalDiskPurge(
    KeptFilesUsage usage,
    IActionJournal journal,
    RollbackRetention retention,
    IHealingConfig config,
    ILogger<CriticalDiskPurge> logger)
{
    public const string Reason = "disk critical: purged early";

    /// <summary>Purges what undo keeps on every critical filesystem; returns the ids of the actions expired.</summary>
    public async Task<IReadOnlyList<long>> PurgeAsync(CancellationToken cancellationToken)
    {
        var thresholds = config.Current.Probes.Disk;
        var why = new Dictionary<long, string>();
        foreach (var pending in await usage.MeasureAsync(cancellationToken).ConfigureAwait(false))
        {
            FileSystemUsage disk;
            try
            {
                disk = FileSystemUsage.Of(pending.SamplePath);
            }
            catch (IOException)
            {
                continue; // purged or unmounted since it was measured
            }
            if (!thresholds.IsCritical(disk))
                continue;
            var where = pending.MountPoint ?? $"filesystem {pending.Device}";
            var reason = $"{Reason}: {where} is {disk.UsedPercent:0.0} % full ({disk.InodesUsedPercent:0.0} % of inodes), " +
                $"critical at {thresholds.CriticalPercent} % ({thresholds.InodeCriticalPercent} % of inodes); " +
                $"{ByteSize.Format(pending.Bytes)} kept there for undo were freed";
            foreach (var id in pending.Actions)
                why.TryAdd(id, reason);
        }
        if (why.Count == 0)
            return [];

        var expired = new List<long>();
        foreach (var record in await journal.UndoableKeepingFilesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!why.TryGetValue(record.Id, out var reason))
                continue;
            await retention.ExpireAsync(record, reason, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Action #{Id} ({Action} on {Subject}) can no longer be undone: {Reason}", record.Id, record.Entry.Action, record.Entry.Subject, reason);
            expired.Add(record.Id);
        }
        return expired;
    }
}
