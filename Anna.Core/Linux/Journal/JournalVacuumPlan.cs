namespace Anna.Core.Linux.Journal;

/// <summary>Which archived journal files to take away, oldest first, and what the journal takes after.</summary>
/// <param name="UsageBytes">What every journal file takes now (active and archived).</param>
/// <param name="RemainingBytes">What is left once <paramref name="Selected"/> are gone.</param>
public sealed record JournalVacuumPlan(IReadOnlyList<JournalFile> Selected, long UsageBytes, long RemainingBytes, long TargetBytes)
{
    /// <summary>No journal at all: nothing selected, nothing used.</summary>
    public static JournalVacuumPlan Empty { get; } = new([], 0, 0, 0);

    public long SelectedBytes => UsageBytes - RemainingBytes;

    /// <summary>False when even every archived file would not bring the journal within the target: the rest is active files.</summary>
    public bool ReachesTarget => RemainingBytes <= TargetBytes;
}
