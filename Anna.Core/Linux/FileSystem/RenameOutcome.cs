namespace Anna.Core.Linux.FileSystem;

/// <summary>How a rename that may neither replace a file nor cross filesystems ended.</summary>
public enum RenameOutcome
{
    Renamed,
    /// <summary>The two paths are on different filesystems (EXDEV): nothing was changed.</summary>
    CrossDevice,
    /// <summary>Something already exists at the target: nothing was changed.</summary>
    TargetExists,
}
