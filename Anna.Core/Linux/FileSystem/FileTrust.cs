namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Whether root may change a file it found in a directory others can write: not when the file has
/// a second name (a hard link a user made to a file of root's or someone else's — where
/// fs.protected_hardlinks is off, anyone can), and not when its owner could not have put it there
/// (so it was planted from elsewhere). In a directory only root can write, only root put files.
/// </summary>
public static class FileTrust
{
    private const UnixFileMode GroupWrite = UnixFileMode.GroupWrite, OtherWrite = UnixFileMode.OtherWrite;

    /// <summary>Why <paramref name="file"/> (found as <paramref name="path"/> in <paramref name="directory"/>) may not be changed; null when it may.</summary>
    public static string? Problem(string path, UnixStat file, UnixStat directory)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(directory);
        if (file.Type != UnixFileType.Regular)
            return $"{path} is not a regular file; left alone";
        if (file.Links > 1)
            return $"{path} has {file.Links} hard links: another name may belong to a file elsewhere; Anna does not change it";
        if (file.Uid == 0 || !WritableByOthers(directory) || file.Uid == directory.Uid || (directory.Mode & OtherWrite) != 0)
            return null;
        if ((directory.Mode & GroupWrite) != 0 && UnixGroups.IsMember(file.Uid, directory.Gid))
            return null;
        return $"{path} belongs to uid {file.Uid}, who cannot write its directory (owner {directory.Uid}:{directory.Gid}, " +
            $"mode {Convert.ToString((int)directory.Mode, 8)}): it was put there by someone else; Anna does not change it";
    }

    /// <summary>True when someone other than root can create or rename names in the directory.</summary>
    public static bool WritableByOthers(UnixStat directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return directory.Uid != 0 || (directory.Mode & OtherWrite) != 0 || ((directory.Mode & GroupWrite) != 0 && directory.Gid != 0);
    }
}
