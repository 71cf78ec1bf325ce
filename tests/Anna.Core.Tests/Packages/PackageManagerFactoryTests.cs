using Anna.Core.Linux;
using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Packages.Apt;

namespace Anna.Core.Tests.Packages;

public sealed class PackageManagerFactoryTests
{
    [Theory]
    [InlineData("ID=debian", "apt")]
    [InlineData("ID=ubuntu\nID_LIKE=debian", "apt")]
    [InlineData("ID=linuxmint\nID_LIKE=\"ubuntu debian\"", "apt")]
    [InlineData("ID=fedora", null)]
    public void The_distribution_picks_the_package_manager(string osRelease, string? expected) =>
        Assert.Equal(expected, PackageManagerFactory.For(OsRelease.Parse(osRelease.Split('\n')))?.Name);

    [Fact]
    public void Bad_apt_options_are_all_reported()
    {
        var options = new AptOptions
        {
            ExtraOptions = ["-oFoo=1", "NoEquals", "Dir::Cache=/tmp/x"],
            ArchivesDirectory = "relative/archives",
            LockFiles = ["lock"],
        };
        var errors = options.Validate();
        Assert.Equal(4, errors.Count);
        var message = Assert.Throws<ArgumentException>(() => new AptPackageManager(options)).Message;
        Assert.Contains("-oFoo=1", message);
        Assert.Contains("NoEquals", message);
        Assert.Contains("relative/archives", message);
        Assert.Contains("'lock'", message);
    }
}
