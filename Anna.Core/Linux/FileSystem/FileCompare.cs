namespace Anna.Core.Linux.FileSystem;

/// <summary>Byte-for-byte comparison of two files, for the rare case where size and mtime agree and the content decides.</summary>
public static class FileCompare
{
    public static bool SameContent(string a, string b)
    {
        using var first = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        using var second = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        if (first.Length != second.Length)
            return false;
        var left = new byte[1 << 16];
        var right = new byte[1 << 16];
        while (true)
        {
            var read = first.ReadAtLeast(left, left.Length, throwOnEndOfStream: false);
            var other = second.ReadAtLeast(right, read, throwOnEndOfStream: false);
            if (read != other || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, other)))
                return false;
            if (read < left.Length)
                return true;
        }
    }
}
