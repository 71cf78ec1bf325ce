using Anna.Core.Linux.Packages.Pacman;

namespace Anna.Core.Tests.Linux.Pacman;

public sealed class PacmanCacheTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("anna-pacman-cache-");

    public void Dispose() => _cache.Delete(recursive: true);

    [Theory]
    [InlineData("hello-2.0-1-any.pkg.tar.zst", "hello", "2.0-1", "any")]
    [InlineData("linux-firmware-20231110.74158e7a-1-any.pkg.tar.zst", "linux-firmware", "20231110.74158e7a-1", "any")]
    [InlineData("firefox-1:120.0-1-x86_64.pkg.tar.xz", "firefox", "1:120.0-1", "x86_64")]
    [InlineData("lib32-gcc-libs-13.2.1-3-x86_64.pkg.tar", "lib32-gcc-libs", "13.2.1-3", "x86_64")]
    [InlineData("hello-2.0-1-any.pkg.tar.gz", "hello", "2.0-1", "any")]
    public void Reads_package_file_names(string file, string name, string version, string arch)
    {
        Assert.True(PacmanCacheFile.TryParseFileName(file, out var n, out var v, out var a));
        Assert.Equal((name, version, arch), (n, v, a));
    }

    [Theory]
    [InlineData("hello-2.0-1-any.pkg.tar.zst.sig")]
    [InlineData("hello-2.0-1-any.pkg.tar.zst.part")]
    [InlineData("hello-2.0-any.pkg.tar.zst")]
    [InlineData("download-abc123")]
    [InlineData("-2.0-1-any.pkg.tar.zst")]
    [InlineData("hello-2.0-1-.pkg.tar.zst")]
    public void Ignores_what_is_not_a_package_file(string file) =>
        Assert.False(PacmanCacheFile.TryParseFileName(file, out _, out _, out _));

    [Fact]
    public void Keeps_the_newest_versions_of_each_package_and_arch()
    {
        // Written in no particular order; pacman's order, not the file system's, decides.
        var old = new[] { Write("hello-1.0rc1-1-any.pkg.tar.zst", 10), Write("hello-1.0-1-any.pkg.tar.zst", 20) };
        var oldSignature = Write("hello-1.0-1-any.pkg.tar.zst.sig", 1);
        Write("hello-1.0.1-1-any.pkg.tar.zst", 30);
        Write("hello-1:0.1-1-any.pkg.tar.zst", 40);
        Write("hello-1.0-10-any.pkg.tar.zst", 50);
        Write("other-1.0-1-x86_64.pkg.tar.zst", 60);
        Write("other-1.0-1-i686.pkg.tar.zst", 70);
        Write("download-xyz.part", 5);

        var usage = PacmanCache.Scan(_cache.FullName, keepVersions: 3);

        Assert.Equal(_cache.FullName, usage.Directory);
        Assert.Equal(286, usage.TotalBytes);
        Assert.Equal([old[1], oldSignature, old[0]], usage.ReclaimableFiles);
        Assert.Equal(31, usage.ReclaimableBytes);
    }

    [Fact]
    public void A_missing_cache_is_empty()
    {
        var usage = PacmanCache.Scan(Path.Combine(_cache.FullName, "nope"), 3);
        Assert.Equal((0L, 0L), (usage.TotalBytes, usage.ReclaimableBytes));
        Assert.Empty(usage.ReclaimableFiles);
    }

    private string Write(string name, int bytes)
    {
        var path = Path.Combine(_cache.FullName, name);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }
}
