namespace Anna.Core.Linux.Journal;

/// <summary>
/// Chooses archived journal files to take away, as <c>journalctl --vacuum-size</c> would delete
/// them: oldest first (by the time of their first entry, from the name), only archived ones, and
/// no more than needed to bring the journal within the target. Pure: the caller lists the files.
/// </summary>
public static class JournalVacuumSelection
{
    public static JournalVacuumPlan Select(IReadOnlyList<JournalFile> files, long targetBytes)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfNegative(targetBytes);
        var usage = files.Sum(f => f.AllocatedBytes);
        var remaining = usage;
        var selected = new List<JournalFile>();
        var oldestFirst = files.Where(f => f.Archived)
            .OrderBy(f => f.HeadRealtime)
            .ThenBy(f => f.HeadSeqnum)
            .ThenBy(f => f.Path, StringComparer.Ordinal);
        foreach (var file in oldestFirst)
        {
            if (remaining <= targetBytes)
                break;
            selected.Add(file);
            remaining -= file.AllocatedBytes;
        }
        return new JournalVacuumPlan(selected, usage, remaining, targetBytes);
    }
}
