namespace Anna.Core.Rollback;

/// <summary>
/// Files kept for undo on one filesystem (quarantined files, backups, kept package files): their
/// bytes are used on the disk but will be freed when the actions expire (rollback_timeout) or are
/// purged early.
/// </summary>
/// <param name="Device">The filesystem, as major:minor (the mount table's way of naming it).</param>
/// <param name="MountPoint">Where the filesystem is mounted, when the mount table says.</param>
/// <param name="Bytes">What purging would free: the blocks the files take.</param>
/// <param name="Actions">The history ids of the actions that keep them.</param>
/// <param name="SamplePath">One kept file on the filesystem (to measure the filesystem by).</param>
public sealed record PendingPurge(string Device, string? MountPoint, long Bytes, int Files, IReadOnlyList<long> Actions, string SamplePath);
