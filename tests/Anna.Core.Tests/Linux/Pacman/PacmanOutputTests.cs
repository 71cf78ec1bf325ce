using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Packages.Pacman;

namespace Anna.Core.Tests.Linux.Pacman;

/// <summary>Parsing output captured from pacman 6.0.</summary>
public sealed class PacmanOutputTests
{
    [Fact]
    public void Reads_upgradable_packages_and_marks_kernels()
    {
        const string output = """
            hello 1.0-1 -> 2.0-1
            linux 6.6.1.arch1-1 -> 6.6.2.arch1-1
            linux-lts 6.1.60-1 -> 6.1.61-1
            linux-firmware 20231110.74158e7a-1 -> 20231117.7124ce3d-1
            firefox 1:119.0-1 -> 1:120.0-1
            held 1.0-1 -> 1.1-1 [ignored]
            garbage line
            """;
        var updates = PacmanOutput.ParseUpgradable(output);
        Assert.Equal(
            [
                new PackageUpdate(PackageName.Parse("hello"), "1.0-1", "2.0-1", false),
                new PackageUpdate(PackageName.Parse("linux"), "6.6.1.arch1-1", "6.6.2.arch1-1", true),
                new PackageUpdate(PackageName.Parse("linux-lts"), "6.1.60-1", "6.1.61-1", true),
                new PackageUpdate(PackageName.Parse("linux-firmware"), "20231110.74158e7a-1", "20231117.7124ce3d-1", false),
                new PackageUpdate(PackageName.Parse("firefox"), "1:119.0-1", "1:120.0-1", false),
            ],
            updates);
    }

    [Fact]
    public void No_updates_is_an_empty_list() => Assert.Empty(PacmanOutput.ParseUpgradable(""));

    [Fact]
    public void Reads_name_version_lines_and_skips_names_anna_refuses()
    {
        var packages = PacmanOutput.ParseNameVersions("hello 2.0-1\r\nlib 1.0-1\n-evil 1\nbad/name 1\n\n");
        Assert.Equal([(PackageName.Parse("hello"), "2.0-1"), (PackageName.Parse("lib"), "1.0-1")], packages);
    }

    [Fact]
    public void Reads_orphan_names() =>
        Assert.Equal([PackageName.Parse("lib"), PackageName.Parse("python-six")], PacmanOutput.ParseNames("lib\npython-six\n"));

    [Fact]
    public void Reads_package_info_blocks()
    {
        const string output = """
            Name            : lib
            Version         : 1.0-1
            Description     : test
            Architecture    : any
            Depends On      : glibc  gcc-libs  zlib  openssl  libfoo  libbar
                              libbaz
            Required By     : None
            Installed Size  : 4.00 B
            Install Reason  : Installed as a dependency for another package

            Name            : python-six
            Version         : 1.16.0-8
            Description     : Python 2 and 3 compatibility utilities : with a colon
            Installed Size  : 117.50 KiB

            Name            : big
            Version         : 2:3.0-1
            Installed Size  : 1.50 GiB

            """;
        var packages = PacmanOutput.ParseInfo(output);
        Assert.Equal(
            [
                new InstalledPackage(PackageName.Parse("lib"), "1.0-1", 4),
                new InstalledPackage(PackageName.Parse("python-six"), "1.16.0-8", 120320),
                new InstalledPackage(PackageName.Parse("big"), "2:3.0-1", 1610612736),
            ],
            packages);
    }

    [Theory]
    [InlineData("0.00 B", 0L)]
    [InlineData("4.00 B", 4L)]
    [InlineData("1.00 KiB", 1024L)]
    [InlineData("2.30 MiB", 2411725L)]
    [InlineData("1.00 TiB", 1099511627776L)]
    [InlineData("12 parsecs", null)]
    [InlineData("", null)]
    public void Reads_sizes(string text, long? bytes) => Assert.Equal(bytes, PacmanOutput.ParseSize(text));
}
