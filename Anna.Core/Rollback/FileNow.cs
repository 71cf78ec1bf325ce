using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>What a recorded path holds now: nothing, a regular file with its content hash, or something else.</summary>
internal sealed record FileNow(UnixFileType? Type, string? Sha256, long Size)
{
    public static FileNow Absent { get; } = new(null, null, 0);

    public bool Exists => Type is not null;

    public bool IsRegular => Type == UnixFileType.Regular;

    /// <summary>
    /// Never follows a link, final or on the way: the file is reached through a handle of its
    /// directory opened from "/" without links (a directory turned into a link is an error, not
    /// another file's content).
    /// </summary>
    public static FileNow Of(string path)
    {
        DirectoryHandle? directory;
        try
        {
            directory = TryOpenDirectory(path);
        }
        catch (IOException e)
        {
            // A link or a file where a directory was: what is there now cannot be the action's file.
            return new FileNow(UnixFileType.Other, null, 0) { Unreachable = e.Message };
        }
        using (directory)
            return directory is null ? Absent : Of(directory, Path.GetFileName(path));
    }

    /// <summary>Why the file cannot be reached without following a link; null when it can.</summary>
    public string? Unreachable { get; init; }

    public static FileNow Of(DirectoryHandle directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var stat = directory.Stat(name);
        if (stat is null)
            return Absent;
        if (stat.Type != UnixFileType.Regular)
            return new FileNow(stat.Type, null, 0);
        using var stream = new FileStream(directory.OpenToRead(name, stat), FileAccess.Read);
        return new FileNow(UnixFileType.Regular, ContentHash.Of(stream), stream.Position);
    }

    /// <summary>True when the file begins with the content <paramref name="sha256"/> of <paramref name="length"/> bytes (a log grown since).</summary>
    public static bool StartsWith(string path, string sha256, long length)
    {
        DirectoryHandle? directory;
        try
        {
            directory = TryOpenDirectory(path);
        }
        catch (IOException)
        {
            return false;
        }
        using (directory)
            return directory is not null && StartsWith(directory, Path.GetFileName(path), sha256, length);
    }

    public static bool StartsWith(DirectoryHandle directory, string name, string sha256, long length)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var stat = directory.Stat(name);
        if (stat is not { Type: UnixFileType.Regular } || stat.Size < length)
            return false;
        using var stream = new FileStream(directory.OpenToRead(name, stat), FileAccess.Read);
        return ContentHash.OfPrefix(stream, length) == sha256;
    }

    /// <summary>The file's directory, or null when it (or one above it) no longer exists.</summary>
    private static DirectoryHandle? TryOpenDirectory(string path)
    {
        try
        {
            return DirectoryHandle.Open(Path.GetDirectoryName(path)!);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>In messages: the short hash, or what is there instead of a file.</summary>
    public string Describe() => Unreachable is { } why ? $"unreachable ({why})" : Type switch
    {
        null => "absent",
        UnixFileType.Regular => ContentHash.Short(Sha256!),
        UnixFileType.Symlink => "a symbolic link",
        UnixFileType.Directory => "a directory",
        _ => "not a regular file",
    };
}
