using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.Samples;

namespace Anna.Core.Probes;

/// <summary>
/// Raises <see cref="IssueKind.LowDisk"/> for every real filesystem whose space or inodes are used
/// past the [probes.disk] thresholds. "Real" means: not a pseudo or memory filesystem, not remote
/// (statvfs on a dead NFS server hangs), not mounted read-only, and each filesystem once even when
/// bind-mounted in several places. Overlay mounts are container layers that repeat the numbers of
/// the disk beneath them, so only an overlay mounted at / (Anna itself in a container) is watched. <paramref name="extraMountPoints"/> are checked whatever their
/// type — that is how a tmpfs (or any excluded mount) is put under watch. With
/// <paramref name="quarantine"/>, each issue also says how many of the used bytes are quarantined
/// files still kept for undo (<c>pending_purge_bytes</c>): used now, freed when they expire.
/// With <paramref name="samples"/>, the used bytes and inodes of every watched mount are queued as
/// samples, whatever the thresholds say.
/// </summary>
public sealed class DiskSpaceProbe(
    IHealingConfig config,
    TimeProvider time,
    string mountInfoPath = MountInfo.DefaultPath,
    IReadOnlyList<string>? extraMountPoints = null,
    KeptFilesUsage? quarantine = null,
    ISampleSink? samples = null) : IProbe
{
    private static readonly HashSet<string> ExcludedTypes = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "cgroup", "cgroup2", "devtmpfs", "devpts", "tmpfs", "ramfs", "securityfs",
        "pstore", "debugfs", "tracefs", "configfs", "fusectl", "mqueue", "hugetlbfs", "bpf", "autofs",
        "binfmt_misc", "efivarfs", "nsfs", "rpc_pipefs", "selinuxfs", "squashfs", "iso9660", "udf",
        "overlay", "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "afs",
        // A FUSE mount without a subtype is served by a user's process like any fuse.* one: a hung
        // server would hang statfs, and a probe's timeout cannot interrupt a call in the kernel.
        "fuse",
    };

    private readonly IReadOnlyList<string> _extra = extraMountPoints ?? [];

    public string Name => "disk_space";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.LowDisk];

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var thresholds = config.Current.Probes.Disk;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(mountInfoPath, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProbeUnavailableException($"cannot read the mount table {mountInfoPath}: {e.Message}");
        }
        var pending = await PendingPurgeAsync(cancellationToken);
        var now = time.GetUtcNow();
        var issues = new List<Issue>();
        foreach (var mount in Watched(MountInfo.Parse(text), _extra))
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileSystemUsage usage;
            try
            {
                usage = FileSystemUsage.Of(mount.MountPoint);
            }
            catch (IOException)
            {
                continue; // unmounted since the table was read, or not ours to see
            }
            if (samples is not null && usage.TotalBytes > 0)
            {
                samples.TryAdd(new Sample(SampleMetric.DiskUsedBytes, mount.MountPoint, now, usage.TotalBytes - usage.FreeBytes));
                samples.TryAdd(new Sample(SampleMetric.DiskInodesUsed, mount.MountPoint, now, usage.TotalInodes - usage.FreeInodes));
                samples.TryAdd(new Sample(SampleMetric.DiskUsedPercent, mount.MountPoint, now, usage.UsedPercent));
                if (usage.TotalInodes > 0)
                    samples.TryAdd(new Sample(SampleMetric.DiskInodesUsedPercent, mount.MountPoint, now, usage.InodesUsedPercent));
            }
            if (Evaluate(mount, usage, thresholds, now, pending?.GetValueOrDefault(mount.Device)) is { } issue)
                issues.Add(issue);
        }
        return issues;
    }

    /// <summary>Bytes kept for undo per device (major:minor); null when they cannot be counted now (the disk is still checked).</summary>
    private async Task<IReadOnlyDictionary<string, long>?> PendingPurgeAsync(CancellationToken cancellationToken)
    {
        if (quarantine is null)
            return null;
        try
        {
            return (await quarantine.MeasureAsync(cancellationToken)).ToDictionary(p => p.Device, p => p.Bytes, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The mounts this probe looks at, each filesystem once (the first mount point listed wins).</summary>
    public static IReadOnlyList<MountEntry> Watched(IReadOnlyList<MountEntry> mounts, IReadOnlyList<string> extraMountPoints)
    {
        var devices = new HashSet<string>(StringComparer.Ordinal);
        var watched = new List<MountEntry>();
        foreach (var mount in mounts)
        {
            var extra = extraMountPoints.Contains(mount.MountPoint, StringComparer.Ordinal);
            if (!extra && !IsRealFileSystem(mount))
                continue;
            if (devices.Add(mount.Device))
                watched.Add(mount);
        }
        return watched;
    }

    public static bool IsRealFileSystem(MountEntry mount) =>
        !mount.ReadOnly
        && (!ExcludedTypes.Contains(mount.FileSystemType) || (mount.FileSystemType == "overlay" && mount.MountPoint == "/"))
        && !mount.FileSystemType.StartsWith("fuse.", StringComparison.Ordinal);

    /// <summary>The issue for one filesystem, or null when it is below both warning thresholds.</summary>
    /// <param name="pendingPurgeBytes">Quarantined bytes on it still kept for undo; null when not known.</param>
    public static Issue? Evaluate(MountEntry mount, FileSystemUsage usage, DiskProbeOptions thresholds, DateTimeOffset now, long? pendingPurgeBytes = null)
    {
        if (usage.TotalBytes <= 0)
            return null;
        var space = Level(usage.UsedPercent, thresholds.WarningPercent, thresholds.CriticalPercent);
        var inodes = Level(usage.InodesUsedPercent, thresholds.InodeWarningPercent, thresholds.InodeCriticalPercent);
        if (space is null && inodes is null)
            return null;
        var severity = (IssueSeverity)Math.Max((int)(space ?? IssueSeverity.Info), (int)(inodes ?? IssueSeverity.Info));

        var free = ByteSize.Format(usage.AvailableBytes);
        var summary = space is not null
            ? $"{mount.MountPoint} is {Percent(usage.UsedPercent)} % full ({free} free of {ByteSize.Format(usage.TotalBytes)})"
            : $"{mount.MountPoint} has used {Percent(usage.InodesUsedPercent)} % of its inodes ({free} still free)";
        var evidence = new Dictionary<string, string>
        {
            ["mount_point"] = mount.MountPoint,
            ["filesystem"] = mount.FileSystemType,
            ["source"] = mount.Source,
            ["used_percent"] = Percent(usage.UsedPercent),
            ["free_bytes"] = Invariant(usage.AvailableBytes),
            ["free"] = free,
            ["total_bytes"] = Invariant(usage.TotalBytes),
            ["inodes_used_percent"] = Percent(usage.InodesUsedPercent),
            ["warning_percent"] = Invariant(thresholds.WarningPercent),
            ["critical_percent"] = Invariant(thresholds.CriticalPercent),
        };
        if (pendingPurgeBytes is { } pending)
        {
            evidence["pending_purge_bytes"] = Invariant(pending);
            if (pending > 0)
                summary += $"; {ByteSize.Format(pending)} of it is kept for undo (quarantined files, backups) and freed when that expires (pending purge)";
        }
        return new Issue(IssueKind.LowDisk, mount.MountPoint, severity, summary, evidence, now, now);
    }

    private static IssueSeverity? Level(double usedPercent, int warning, int critical) =>
        usedPercent >= critical ? IssueSeverity.Critical
        : usedPercent >= warning ? IssueSeverity.Warning
        : null;

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
