using Anna.Testing;
using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Tests.Linux.FileSystem;

/// <summary>Which names Anna shows, judged from real directories' modes.</summary>
public sealed class PrivatePathsTests : IDisposable
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo _root = ListableTempDirectory.Create("anna-private-paths-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void A_name_every_user_could_list_is_shown_as_it_is()
    {
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(_root.FullName, "app")).FullName, "app.log");
        File.SetUnixFileMode(Path.GetDirectoryName(file)!, Open);

        Assert.Equal(file, PrivatePaths.Shown(file));
        Assert.Null(PrivatePaths.HiddenBelow(file));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)] // 0700, like /var/log/private
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute)] // 0750: its group only
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute)] // 0701: reachable, not listable
    public void A_name_below_a_directory_others_cannot_list_is_hidden_there_however_deep(UnixFileMode mode)
    {
        var closed = Directory.CreateDirectory(Path.Combine(_root.FullName, "private")).FullName;
        var deep = Directory.CreateDirectory(Path.Combine(closed, "tenant-acme", "logs")).FullName;
        File.SetUnixFileMode(closed, mode);

        foreach (var file in new[] { Path.Combine(closed, "secret.log"), Path.Combine(deep, "secret.log") })
        {
            Assert.Equal(closed, PrivatePaths.HiddenBelow(file));
            Assert.Equal($"{closed}/… (names hidden: only root can list {closed})", PrivatePaths.Shown(file));
        }
    }

    [Fact]
    public void A_name_that_cannot_be_checked_is_hidden_and_text_that_is_no_path_is_left_alone()
    {
        var gone = Path.Combine(_root.FullName, "gone", "x.log");

        Assert.Equal(Path.Combine(_root.FullName, "gone"), PrivatePaths.HiddenBelow(gone));
        Assert.Equal("nginx.service", PrivatePaths.Shown("nginx.service"));
    }
}
