namespace Anna.Core.Linux.FileSystem;

/// <summary>How <see cref="FileMove.Move"/> moved a file, or why it did not.</summary>
public enum FileMoveResult
{
    /// <summary>One rename on one filesystem: the same inode, nothing copied.</summary>
    Renamed,
    /// <summary>Across filesystems: copied (content, owner, mode, times), flushed to disk, then the original deleted.</summary>
    Copied,
    /// <summary>Something already exists at the target: nothing was changed.</summary>
    TargetExists,
}
