namespace Anna.Core.Rollback;

/// <summary>
/// A file moved out of the way instead of deleted: where it was, where it is kept, and what it
/// looked like (size, owner, mode, mtime — enough to know it again without hashing gigabytes).
/// </summary>
public sealed record QuarantinedFile(
    string OriginalPath,
    string QuarantinePath,
    long Size,
    int Uid,
    int Gid,
    int Mode,
    long ModifiedUnixMs);
