using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// How many bytes the undoable actions keep per filesystem — quarantined files, backups of files
/// they rewrote (a rotated log's copy in the data directory), kept package files — counted from
/// the journal and what is really on disk now. A file already gone frees nothing and is not
/// counted; neither is one with another link (a backup hard-linked to its original), whose blocks
/// stay when it goes. Disk-space accounting uses it to show those bytes as pending purge rather
/// than pretending they are free or hiding them; the retention worker to purge early on a
/// critical disk.
/// A measurement is kept while the journal has not changed, for at most <see cref="MaxAge"/>: health
/// asks on every call (hundreds a second under load), and what Anna keeps changes only through the
/// journal — the bound is for files someone else deletes.
/// </summary>
public sealed class KeptFilesUsage(IActionJournal journal, string mountInfoPath = MountInfo.DefaultPath, TimeProvider? time = null)
{
    /// <summary>How long a measurement is kept while the journal stays as it was.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private volatile Measurement? _last;

    public async Task<IReadOnlyList<PendingPurge>> MeasureAsync(CancellationToken cancellationToken)
    {
        // The version is read first: a write that lands while this measures makes the next call measure again.
        var version = journal.Version;
        var now = _time.GetUtcNow();
        if (_last is { } last && last.Version == version && now - last.At < MaxAge && now >= last.At)
            return last.Pending;
        var records = await journal.UndoableKeepingFilesAsync(cancellationToken).ConfigureAwait(false);
        var pending = await Task.Run(() => Measure(records, cancellationToken), cancellationToken).ConfigureAwait(false);
        _last = new Measurement(version, now, pending);
        return pending;
    }

    private sealed record Measurement(long Version, DateTimeOffset At, IReadOnlyList<PendingPurge> Pending);

    private IReadOnlyList<PendingPurge> Measure(IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        var byDevice = new Dictionary<ulong, Tally>();
        foreach (var record in records)
        {
            foreach (var path in record.Snapshot.KeptFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                UnixStat? stat;
                try
                {
                    stat = UnixStat.TryGet(path);
                }
                catch (IOException)
                {
                    continue;
                }
                if (stat is not { Type: UnixFileType.Regular, Links: 1 })
                    continue;
                if (!byDevice.TryGetValue(stat.Device, out var tally))
                    byDevice[stat.Device] = tally = new Tally(path);
                tally.Bytes += stat.AllocatedBytes;
                tally.Files++;
                tally.Actions.Add(record.Id);
            }
        }
        if (byDevice.Count == 0)
            return [];
        var mounts = ReadMounts();
        return byDevice
            .Select(d => new PendingPurge(DeviceName(d.Key), QuarantineLayout.LongestMountPoint(d.Value.Sample, mounts),
                d.Value.Bytes, d.Value.Files, d.Value.Actions.ToList(), d.Value.Sample))
            .OrderBy(p => p.MountPoint, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Tally(string sample)
    {
        public string Sample { get; } = sample;
        public long Bytes { get; set; }
        public int Files { get; set; }
        public SortedSet<long> Actions { get; } = [];
    }

    /// <summary>A device number as the mount table writes it: major:minor.</summary>
    public static string DeviceName(ulong device) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{device >> 32}:{device & 0xFFFF_FFFF}");

    private IReadOnlyList<MountEntry> ReadMounts()
    {
        try
        {
            return MountInfo.Parse(File.ReadAllText(mountInfoPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // the mount point is a courtesy; the bytes and device are known without it
        }
    }
}
