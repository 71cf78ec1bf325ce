using Anna.Core.Linux.Packages.Apt;

namespace Anna.Core.Tests.Packages;

public sealed class AptSimulationTests
{
    // Captured from `apt-get -s dist-upgrade` on Debian 12 (trimmed).
    private const string DistUpgrade = """
        Reading package lists...
        Building dependency tree...
        Reading state information...
        Calculating upgrade...
        The following NEW packages will be installed:
          linux-image-6.1.0-30-amd64
        The following packages will be upgraded:
          base-files bash libgcrypt20-dev linux-image-amd64
        4 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.
        Inst base-files [12.4+deb12u11] (12.4+deb12u15 Debian:12.15/oldstable [amd64])
        Conf base-files (12.4+deb12u15 Debian:12.15/oldstable [amd64])
        Inst bash [5.2.15-2+b8] (5.2.15-2+b13 Debian:12.15/oldstable [amd64])
        Inst libgcrypt20-dev [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64]) []
        Inst linux-image-6.1.0-30-amd64 (6.1.124-1 Debian-Security:12/oldstable-security [amd64])
        Inst linux-image-amd64 [6.1.119-1] (6.1.124-1 Debian-Security:12/oldstable-security [amd64])
        Inst libc6:i386 [2.36-9+deb12u8] (2.36-9+deb12u9 Debian:12.15/oldstable [i386])
        Inst tzdata [2024a-0+deb12u1] (1:2025b-0+deb12u1 Debian:12.15/oldstable [all])
        Conf bash (5.2.15-2+b13 Debian:12.15/oldstable [amd64])
        """;

    private const string Autoremove = """
        Reading package lists...
        The following packages will be REMOVED:
          anna-test-lib libfoo1
        0 upgraded, 0 newly installed, 2 to remove and 0 not upgraded.
        Remv anna-test-lib [1.0]
        Purg libfoo1 [1:2.3-4]
        Remv libbar2:amd64 [2.0] [libbaz:amd64 ]
        """;

    [Fact]
    public void Upgrades_carry_old_and_new_versions()
    {
        var changes = AptSimulation.Parse(DistUpgrade);
        Assert.Equal(["base-files", "bash", "libgcrypt20-dev", "linux-image-6.1.0-30-amd64", "linux-image-amd64", "libc6", "tzdata"],
            changes.Select(c => c.Name.Value));
        var bash = changes.Single(c => c.Name.Value == "bash");
        Assert.Equal(("5.2.15-2+b8", "5.2.15-2+b13"), (bash.OldVersion, bash.NewVersion));
        Assert.Equal("1:2025b-0+deb12u1", changes.Single(c => c.Name.Value == "tzdata").NewVersion);
        Assert.Null(changes.Single(c => c.Name.Value == "linux-image-6.1.0-30-amd64").OldVersion);
    }

    [Fact]
    public void Removals_have_no_new_version()
    {
        var changes = AptSimulation.Parse(Autoremove);
        Assert.Equal([("anna-test-lib", "1.0"), ("libfoo1", "1:2.3-4"), ("libbar2", "2.0")], changes.Select(c => (c.Name.Value, c.OldVersion!)));
        Assert.All(changes, c => Assert.Null(c.NewVersion));
    }

    [Theory]
    [InlineData("linux-image-amd64", true)]
    [InlineData("linux-image-6.1.0-30-amd64", true)]
    [InlineData("linux-headers-amd64", true)]
    [InlineData("linux-generic", true)]
    [InlineData("linux-modules-6.8.0-45-generic", true)]
    [InlineData("linux-base", false)]
    [InlineData("linux-libc-dev", false)]
    [InlineData("util-linux", false)]
    [InlineData("bash", false)]
    public void Kernel_packages_are_recognised(string name, bool kernel) => Assert.Equal(kernel, AptKernelPackages.IsKernel(name));

    [Fact]
    public void Output_without_plan_lines_is_an_empty_plan() =>
        Assert.Empty(AptSimulation.Parse("Reading package lists...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"));
}
