using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// What quarantining a list of files would do: each valid file with the place it would be kept,
/// and each refused one with the reason. Making a plan changes nothing (it is the dry run).
/// </summary>
/// <param name="Seen">What each planned file was when it was checked; the move re-checks it is still that file.</param>
public sealed record QuarantinePlan(
    IReadOnlyList<QuarantinedFile> Files,
    IReadOnlyList<QuarantineRefusal> Refused,
    IReadOnlyDictionary<string, UnixStat> Seen)
{
    public long TotalBytes => Files.Sum(f => f.Size);

    /// <summary>The quarantine directories the files would go to (one per filesystem).</summary>
    public IReadOnlyList<string> Roots => Files.Select(f => QuarantineLayout.RootOf(f) ?? f.QuarantinePath).Distinct(StringComparer.Ordinal).ToList();
}
