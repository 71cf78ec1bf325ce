using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Policy;

/// <summary>When a filesystem counts as full: percent of blocks (or inodes) in use, as df shows it.</summary>
public sealed record DiskProbeOptions
{
    public int WarningPercent { get; init; } = 80;

    public int CriticalPercent { get; init; } = 95;

    public int InodeWarningPercent { get; init; } = 80;

    public int InodeCriticalPercent { get; init; } = 95;

    /// <summary>
    /// Past the critical threshold, of space or of inodes (at or above the percent, as the disk probe's
    /// critical level): what makes files kept for undo (quarantine, backups) go early.
    /// </summary>
    public bool IsCritical(FileSystemUsage usage) =>
        usage.TotalBytes > 0 && (usage.UsedPercent >= CriticalPercent || usage.InodesUsedPercent >= InodeCriticalPercent);
}
