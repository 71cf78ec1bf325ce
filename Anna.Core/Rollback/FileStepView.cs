namespace Anna.Core.Rollback;

/// <summary>The two file steps seen alike by their undoer.</summary>
/// <param name="RemovesOnUndo">The action created the file; undo removes it.</param>
internal sealed record FileStepView(FileState Before, string? BackupPath, string? AfterSha256, bool InPlace, bool BackupCompressed, bool RemovesOnUndo)
{
    public static FileStepView Of(RollbackStep step) => step switch
    {
        RestoreFileStep f => new(f.Before, f.BackupPath, f.AfterSha256, f.InPlace, f.BackupCompressed, RemovesOnUndo: !f.Before.Existed),
        // A config file that did not exist was backed up as empty content (the defaults): undo writes that back.
        RevertConfigStep c => new(c.Before, c.BackupPath, c.AfterSha256, InPlace: false, BackupCompressed: false, RemovesOnUndo: false),
        _ => throw new ArgumentException($"not a file step: {step.GetType().Name}", nameof(step)),
    };
}
