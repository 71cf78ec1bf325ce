namespace Anna.Core.Rollback;

/// <summary>What quarantining did: the step recorded (null when nothing could be moved), the files moved and those left.</summary>
/// <param name="Copied">How many of the moved files had to be copied (another filesystem) instead of renamed.</param>
public sealed record QuarantineResult(
    RestoreQuarantinedStep? Step,
    IReadOnlyList<QuarantinedFile> Moved,
    IReadOnlyList<QuarantineRefusal> Left,
    int Copied)
{
    public long MovedBytes => Moved.Sum(f => f.Size);
}
