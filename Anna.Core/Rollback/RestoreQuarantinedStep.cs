namespace Anna.Core.Rollback;

/// <summary>
/// The action "deletes" these files by moving them into quarantine. Recorded whole before the
/// first move, so a crash half-way leaves a list recovery can check file by file. Undo moves
/// them back with owners, modes and timestamps; after rollback_timeout they are purged.
/// </summary>
public sealed record RestoreQuarantinedStep(IReadOnlyList<QuarantinedFile> Files) : RollbackStep
{
    public long TotalBytes => Files.Sum(f => f.Size);

    public override string Describe() => $"move {Files.Count} quarantined file(s) ({Linux.ByteSize.Format(TotalBytes)}) back";
}
