using Anna.Core.Linux.FileSystem;
using Anna.IntegrationTests.SystemProbes;

namespace Anna.IntegrationTests.Rollback;

/// <summary>The move under the quarantine: a rename on one filesystem, a flushed copy across two (tmpfs → /).</summary>
public sealed class FileMoveTests : IDisposable
{
    private readonly DirectoryInfo _target = Directory.CreateTempSubdirectory("anna-move-");

    public void Dispose() => _target.Delete(recursive: true);

    [Fact]
    public async Task Across_filesystems_the_file_is_copied_with_owner_mode_and_times_and_the_original_goes()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m");
        using var tree = FileTree.Create(tmpfs.Path, count: 2, bytes: 300_000);
        var source = tree.Files[1];
        var facts = FileFacts.Of(source);
        var target = Path.Combine(_target.FullName, "moved.bin");

        Assert.Equal(RenameOutcome.CrossDevice, UnixRename.NoReplace(source, target));
        var result = FileMove.Move(source, target);

        Assert.Equal(FileMoveResult.Copied, result);
        Assert.False(File.Exists(source));
        Assert.Equal(facts, FileFacts.Of(target));
        Assert.Equal((UnixFileMode)0b110_000_000, facts.Mode);
        Assert.Equal(65534u, facts.Uid);
        Assert.Equal(["moved.bin"], _target.EnumerateFiles().Select(f => f.Name));
    }

    [Fact]
    public void Nothing_is_ever_replaced()
    {
        var a = Path.Combine(_target.FullName, "a");
        var b = Path.Combine(_target.FullName, "b");
        File.WriteAllText(a, "a");
        File.WriteAllText(b, "b");

        Assert.Equal(FileMoveResult.TargetExists, FileMove.Move(a, b));

        Assert.Equal(("a", "b"), (File.ReadAllText(a), File.ReadAllText(b)));
        Assert.Equal(FileMoveResult.Renamed, FileMove.Move(a, Path.Combine(_target.FullName, "c")));
        Assert.False(File.Exists(a));
    }
}
