using Anna.Core.Linux.Packages.Apt;

namespace Anna.Core.Tests.Linux.Apt;

public sealed class DebCacheTests : IDisposable
{
    private readonly DirectoryInfo _archives = Directory.CreateTempSubdirectory("anna-archives-");

    public void Dispose() => _archives.Delete(recursive: true);

    private string Write(string relative, int bytes)
    {
        var path = Path.Combine(_archives.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }

    [Fact]
    public void A_clean_takes_every_regular_file_in_archives_and_partial_but_the_lock()
    {
        Write("lock", 0);
        Write("partial/lock", 0);
        var debs = new[] { Write("b_1.0_all.deb", 20), Write("a_2.0_amd64.deb", 10), Write("partial/c_1.0_all.deb", 5), Write("leftover.tmp", 3) };
        Write("auxfiles/x", 7);
        File.CreateSymbolicLink(Path.Combine(_archives.FullName, "link.deb"), debs[0]);

        var files = DebCache.Cleanable(_archives.FullName);

        Assert.Equal(debs.Order(StringComparer.Ordinal), files.Select(f => f.Path));
        Assert.Equal(38, files.Sum(f => f.Bytes));
        var usage = DebCache.Measure(_archives.FullName);
        Assert.Equal((38L, 38L), (usage.TotalBytes, usage.ReclaimableBytes));
        Assert.Equal(files.Select(f => f.Path), usage.ReclaimableFiles);
    }

    [Fact]
    public void A_missing_archives_directory_has_nothing_to_clean() =>
        Assert.Empty(DebCache.Cleanable(Path.Combine(_archives.FullName, "missing")));
}
