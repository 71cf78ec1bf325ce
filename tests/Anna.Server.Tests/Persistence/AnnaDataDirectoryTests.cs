using System.Runtime.Versioning;
using Anna.Server.Persistence;
using Microsoft.Extensions.Configuration;

namespace Anna.Server.Tests.Persistence;

public sealed class AnnaDataDirectoryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Explicit_setting_wins(bool isRoot)
    {
        Assert.Equal("/srv/anna", AnnaDataDirectory.Resolve("/srv/anna", isRoot, "/home/me"));
    }

    [Fact]
    public void Relative_setting_is_taken_from_the_current_directory()
    {
        Assert.Equal("/home/me/state", AnnaDataDirectory.Resolve("state", isRoot: true, "/home/me"));
    }

    [Fact]
    public void Root_defaults_to_var_lib_anna()
    {
        Assert.Equal("/var/lib/anna", AnnaDataDirectory.Resolve(null, isRoot: true, "/home/me"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Non_root_defaults_to_dot_anna_in_the_current_directory(string? configured)
    {
        Assert.Equal("/home/me/.anna", AnnaDataDirectory.Resolve(configured, isRoot: false, "/home/me"));
    }

    [Fact]
    public void Host_setting_is_read_from_Anna_DataDir()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Anna:DataDir", "/srv/anna")])
            .Build();

        Assert.Equal("/srv/anna", AnnaDataDirectory.Resolve(configuration));
    }

    [Fact]
    public void Database_file_is_anna_db_inside()
    {
        Assert.Equal("/var/lib/anna/anna.db", AnnaDataDirectory.DatabasePath("/var/lib/anna"));
    }

    [Fact]
    [SupportedOSPlatform("linux")] // Anna is a Linux daemon; modes are Unix-only.
    public void Ensure_creates_missing_directories_owner_only_and_leaves_existing_ones_alone()
    {
        var root = Path.Combine(Path.GetTempPath(), $"anna-dir-{Guid.NewGuid():N}");
        try
        {
            var dir = Path.Combine(root, "data");
            AnnaDataDirectory.EnsureExists(dir);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));

            var relaxed = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
            File.SetUnixFileMode(dir, relaxed);
            AnnaDataDirectory.EnsureExists(dir);
            Assert.Equal(relaxed, File.GetUnixFileMode(dir));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
