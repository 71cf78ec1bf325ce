using Anna.Core.Linux.FileSystem;
namespace Anna.Core.Rollback;

/// <summary>
/// The action rewrites (or creates) a file: undo puts the backed-up content back with its owner,
/// mode and modification time, or removes a file the action created. <paramref name="AfterSha256"/>
/// is the content the action left, recorded when it finished: a file that no longer has it has
/// drifted, and undo refuses unless forced.
/// </summary>
/// <param name="InPlace">
/// The file is written through descriptors other programs hold open (a log emptied in place): undo
/// writes the backed-up content back into the same inode, ahead of what they wrote since, instead
/// of replacing the file (which would leave them writing to a deleted one).
/// </param>
/// <param name="BackupCompressed">The backup is gzip-compressed (big files); its hash is of the content, not of the gzip.</param>
public sealed record RestoreFileStep(
    FileState Before,
    string? BackupPath,
    string? AfterSha256 = null,
    bool InPlace = false,
    bool BackupCompressed = false) : RollbackStep
{
    public override string Describe() => Before.Existed
        ? $"restore {PrivatePaths.Shown(Before.Path)} from its backup{(InPlace ? " in place" : "")}"
        : $"remove {PrivatePaths.Shown(Before.Path)} (the action created it)";
}
