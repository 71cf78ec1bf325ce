using Anna.Core.Linux.Packages.Apt;

namespace Anna.Core.Tests.Linux.Apt;

public sealed class AptStateStampTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("anna-stamp-");

    public void Dispose() => _root.Delete(recursive: true);

    private AptOptions Options() => new()
    {
        ExtraOptions =
        [
            $"Dir::State::status={Path.Combine(_root.FullName, "status")}",
            $"Dir::State::Lists={Path.Combine(_root.FullName, "lists")}",
            $"Dir::Etc::SourceList={Path.Combine(_root.FullName, "sources.list")}",
        ],
    };

    [Fact]
    public void The_stamp_changes_when_the_package_database_or_a_list_changes_and_only_then()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "status"), "Package: a\n");
        Directory.CreateDirectory(Path.Combine(_root.FullName, "lists"));
        var first = AptStateStamp.Of(Options());

        Assert.Equal(first, AptStateStamp.Of(Options()));

        File.WriteAllText(Path.Combine(_root.FullName, "status"), "Package: a\nPackage: b\n");
        var afterInstall = AptStateStamp.Of(Options());
        Assert.NotEqual(first, afterInstall);

        File.WriteAllText(Path.Combine(_root.FullName, "lists", "repo_Packages"), "x");
        Assert.NotEqual(afterInstall, AptStateStamp.Of(Options()));
    }

    [Fact]
    public void A_relative_path_or_a_moved_root_means_no_stamp_and_no_reuse()
    {
        Assert.Null(AptStateStamp.Of(new AptOptions { ExtraOptions = ["Dir::State::Lists=lists"] }));
        Assert.Null(AptStateStamp.Of(new AptOptions { ExtraOptions = ["Dir::State=/srv/apt"] }));
    }

    [Fact]
    public async Task The_same_stamp_gets_the_remembered_answer()
    {
        var answer = new StampedAnswer<int>();
        var computed = 0;

        Assert.Equal(1, await answer.GetAsync("s1", () => Task.FromResult(++computed)));
        Assert.Equal(1, await answer.GetAsync("s1", () => Task.FromResult(++computed)));
        Assert.Equal(2, await answer.GetAsync("s2", () => Task.FromResult(++computed)));
        Assert.Equal(3, await answer.GetAsync(null, () => Task.FromResult(++computed)));
    }
}
