namespace Anna.Core.Rollback;

/// <summary>
/// The action rewrites (or creates) a file: undo puts the backed-up content back with its owner,
/// mode and modification time, or removes a file the action created. <paramref name="AfterSha256"/>
/// is the content the action left, recorded when it finished: a file that no longer has it has
/// drifted, and undo refuses unless forced.
/// </summary>
public sealed record RestoreFileStep(FileState Before, string? BackupPath, string? AfterSha256 = null) : RollbackStep
{
    public override string Describe() => Before.Existed
        ? $"restore {Before.Path} from its backup"
        : $"remove {Before.Path} (the action created it)";
}
