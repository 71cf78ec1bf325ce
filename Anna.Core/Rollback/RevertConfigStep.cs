using Anna.Core.Linux.FileSystem;
namespace Anna.Core.Rollback;

/// <summary>
/// The action rewrites one of Anna's own configuration files (the policy): undo writes the
/// previous text back, the same way a person's edit is written, so the reload sees it.
/// </summary>
public sealed record RevertConfigStep(FileState Before, string BackupPath, string? AfterSha256 = null) : RollbackStep
{
    public override string Describe() => $"revert {PrivatePaths.Shown(Before.Path)} to its previous content";
}
