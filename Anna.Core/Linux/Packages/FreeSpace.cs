namespace Anna.Core.Linux.Packages;

/// <summary>Free space on the file system holding a path (statvfs f_bavail, through DriveInfo).</summary>
public static class FreeSpace
{
    /// <summary>Bytes available at the path, or at its nearest existing parent when it does not exist yet.</summary>
    public static long Available(string path)
    {
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            existing = parent;
        return new DriveInfo(existing).AvailableFreeSpace;
    }
}
