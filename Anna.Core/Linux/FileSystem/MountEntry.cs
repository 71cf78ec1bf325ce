namespace Anna.Core.Linux.FileSystem;

/// <summary>One line of /proc/self/mountinfo, with the fields Anna uses.</summary>
/// <param name="Device">major:minor of the filesystem; bind mounts of one filesystem share it.</param>
/// <param name="ReadOnly">True when the mount itself is read-only ("ro" in the per-mount options).</param>
public sealed record MountEntry(string MountPoint, string FileSystemType, string Source, string Device, bool ReadOnly);
