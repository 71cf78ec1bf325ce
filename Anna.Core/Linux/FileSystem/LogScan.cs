namespace Anna.Core.Linux.FileSystem;

/// <summary>What one walk of a log root found.</summary>
/// <param name="Oversized">Plain (not yet compressed) files over the size limit: rotation candidates.</param>
/// <param name="Old">Files not written for longer than the age limit (and not oversized).</param>
/// <param name="Truncated">True when the walk stopped at its entry budget; the lists are then partial.</param>
/// <param name="Problem">Why the root could not be walked at all (missing, a symlink, …); null when it was.</param>
public sealed record LogScan(
    string Root,
    IReadOnlyList<LogFile> Oversized,
    IReadOnlyList<LogFile> Old,
    int EntriesSeen,
    bool Truncated,
    string? Problem);
