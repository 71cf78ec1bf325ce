using System.Security.Cryptography;
using Anna.Core.Linux.FileSystem;

namespace Anna.IntegrationTests.Rollback;

/// <summary>Everything about a file that undo must give back: content hash, size, owner, mode and mtime (to the tick).</summary>
internal sealed record FileFacts(string Sha256, long Size, uint Uid, uint Gid, UnixFileMode Mode, DateTimeOffset ModifiedAt)
{
    public static FileFacts Of(string path)
    {
        var stat = UnixStat.TryGet(path) ?? throw new FileNotFoundException(path);
        Assert.Equal(UnixFileType.Regular, stat.Type);
        using var stream = File.OpenRead(path);
        return new FileFacts(Convert.ToHexStringLower(SHA256.HashData(stream)), stat.Size, stat.Uid, stat.Gid, stat.Mode, stat.ModifiedAt);
    }
}
