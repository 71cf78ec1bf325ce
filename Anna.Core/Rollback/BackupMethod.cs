namespace Anna.Core.Rollback;

/// <summary>How a file is kept for undo.</summary>
public enum BackupMethod
{
    /// <summary>A plain copy: small files (Anna's own config).</summary>
    Copy,
    /// <summary>A gzip copy: big files such as logs, so a backup kept for rollback_timeout does not eat the space the action freed.</summary>
    Compress,
    /// <summary>
    /// A second hard link to the file, when it is on the backup's filesystem (a copy otherwise):
    /// for files the action renames away or replaces by rename, never writes into, so their
    /// content lives on under the backup's name at no cost.
    /// </summary>
    Link,
}
