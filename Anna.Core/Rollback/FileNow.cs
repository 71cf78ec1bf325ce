using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>What a recorded path holds now: nothing, a regular file with its content hash, or something else.</summary>
internal sealed record FileNow(UnixFileType? Type, string? Sha256, long Size)
{
    public static FileNow Absent { get; } = new(null, null, 0);

    public bool Exists => Type is not null;

    public bool IsRegular => Type == UnixFileType.Regular;

    /// <summary>Never follows a final link: a link where a file was is reported as a link, not as its target's content.</summary>
    public static FileNow Of(string path)
    {
        var stat = UnixStat.TryGet(path);
        if (stat is null)
            return Absent;
        if (stat.Type != UnixFileType.Regular)
            return new FileNow(stat.Type, null, 0);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (!UnixStat.Of(stream.SafeFileHandle).SameFileAs(stat))
            throw new IOException($"{path} was replaced while it was being read");
        return new FileNow(UnixFileType.Regular, ContentHash.Of(stream), stream.Position);
    }

    /// <summary>True when the file begins with the content <paramref name="sha256"/> of <paramref name="length"/> bytes (a log grown since).</summary>
    public static bool StartsWith(string path, string sha256, long length)
    {
        var stat = UnixStat.TryGet(path);
        if (stat is not { Type: UnixFileType.Regular } || stat.Size < length)
            return false;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return UnixStat.Of(stream.SafeFileHandle).SameFileAs(stat) && ContentHash.OfPrefix(stream, length) == sha256;
    }

    /// <summary>In messages: the short hash, or what is there instead of a file.</summary>
    public string Describe() => Type switch
    {
        null => "absent",
        UnixFileType.Regular => ContentHash.Short(Sha256!),
        UnixFileType.Symlink => "a symbolic link",
        UnixFileType.Directory => "a directory",
        _ => "not a regular file",
    };
}
