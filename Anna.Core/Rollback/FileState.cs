namespace Anna.Core.Rollback;

/// <summary>A file as it was: content hash, size, owner, mode and modification time.</summary>
/// <param name="Existed">False when the action creates the file; undo then removes it.</param>
/// <param name="Mode">Permission bits (e.g. 0640), as from stat.</param>
public sealed record FileState(
    string Path,
    bool Existed,
    string? Sha256,
    long Size,
    int Uid,
    int Gid,
    int Mode,
    long ModifiedUnixMs);
