using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// Finds each file's quarantine root on the machine: the mount it lives on (from the mount table,
/// checked against the file's st_dev), compared with the data directory's. One locator serves one
/// plan; answers are kept per directory, since files of one directory share a mount.
/// </summary>
internal sealed class QuarantineLocator(RollbackStorage storage, IReadOnlyList<MountEntry> mounts)
{
    private readonly Dictionary<string, string?> _byDirectory = new(StringComparer.Ordinal);
    private (ulong Device, string? Mount)? _data;

    public string? RootFor(string path, UnixStat stat)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (_byDirectory.TryGetValue(directory, out var known))
            return known;
        var data = _data ??= DataDirectoryLocation();
        var root = QuarantineLayout.RootFor(storage, stat.Device, MountOf(directory, stat.Device), data.Device, data.Mount);
        _byDirectory[directory] = root;
        return root;
    }

    /// <summary>The data directory, or its nearest existing parent when it is not made yet.</summary>
    private (ulong Device, string? Mount) DataDirectoryLocation()
    {
        var existing = storage.DataDirectory;
        UnixStat? stat;
        while ((stat = UnixStat.TryGet(existing)) is null && Path.GetDirectoryName(existing) is { } parent)
            existing = parent;
        if (stat is null)
            throw new IOException($"no part of {storage.DataDirectory} exists");
        return (stat.Device, MountOf(existing, stat.Device));
    }

    /// <summary>
    /// The root of the mount holding <paramref name="directory"/>: the mount table's longest prefix
    /// when its root is on the same device; otherwise (a symlink on the way, a filesystem whose
    /// mount table entry reports another device) the highest parent on the same device.
    /// </summary>
    private string? MountOf(string directory, ulong device)
    {
        if (QuarantineLayout.LongestMountPoint(directory, mounts) is { } mount && UnixStat.TryGet(mount)?.Device == device)
            return mount;
        var current = directory;
        if (UnixStat.TryGet(current)?.Device != device)
            return null;
        while (Path.GetDirectoryName(current) is { } parent && UnixStat.TryGet(parent)?.Device == device)
            current = parent;
        return current;
    }
}
