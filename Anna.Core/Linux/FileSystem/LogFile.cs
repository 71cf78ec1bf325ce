namespace Anna.Core.Linux.FileSystem;

/// <summary>A log file as the walk found it. <see cref="Bytes"/> is what deleting it would free (sparse files count their real blocks).</summary>
public sealed record LogFile(string Path, long Size, long Bytes, DateTimeOffset ModifiedAt, ulong Device, ulong Inode);
