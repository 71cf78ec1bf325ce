namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Gives a regular file an owner, mode and modification time, through an open descriptor of the
/// very file that was checked: a link or another file put at the path in between is refused,
/// never changed in its place (Anna is root; chmod by path would follow a planted link).
/// </summary>
public static class UnixAttributes
{
    /// <param name="modifiedUtc">The modification time to set; null leaves it as it is.</param>
    /// <exception cref="IOException">The path is not that regular file any more, or a change failed.</exception>
    public static void Apply(string path, uint uid, uint gid, UnixFileMode mode, DateTime? modifiedUtc)
    {
        var before = UnixStat.TryGet(path) ?? throw new FileNotFoundException($"{path} does not exist", path);
        if (before.Type != UnixFileType.Regular)
            throw new IOException($"{path} is not a regular file; its attributes are left alone");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var opened = UnixStat.Of(handle);
        if (!opened.SameFileAs(before))
            throw new IOException($"{path} was replaced while its attributes were being set; left alone");
        if (opened.Uid != uid || opened.Gid != gid)
            UnixOwnership.Change(handle, uid, gid);
        // After chown, which clears set-user-ID and set-group-ID bits.
        if (opened.Mode != mode || opened.Uid != uid || opened.Gid != gid)
            File.SetUnixFileMode(handle, mode);
        if (modifiedUtc is { } modified)
            File.SetLastWriteTimeUtc(handle, modified);
    }
}
