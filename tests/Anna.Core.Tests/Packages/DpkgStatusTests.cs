using Anna.Core.Linux.Packages.Apt;

namespace Anna.Core.Tests.Packages;

public sealed class DpkgStatusTests
{
    [Fact]
    public void Installed_packages_have_sizes_in_bytes_and_removed_ones_are_skipped()
    {
        var installed = DpkgStatus.ParseInstalled("bash\t5.2.15-2+b8\tinstalled\t7160\nold\t1.0\tconfig-files\t12\nlibc6\t2.36\tinstalled\t\n");
        Assert.Equal(["bash", "libc6"], installed.Keys.Order());
        Assert.Equal(7160L * 1024, installed["bash"].InstalledBytes);
        Assert.Null(installed["libc6"].InstalledBytes);
    }

    [Fact]
    public void Diff_reports_upgrades_installs_and_removals()
    {
        var before = DpkgStatus.ParseInstalled("a\t1.0\tinstalled\t1\nb\t1.0\tinstalled\t1\nc\t1.0\tinstalled\t1\n");
        var after = DpkgStatus.ParseInstalled("a\t2.0\tinstalled\t1\nb\t1.0\tinstalled\t1\nd\t1.0\tinstalled\t1\n");
        Assert.Equal([("a", "1.0", "2.0"), ("c", "1.0", null), ("d", null, "1.0")],
            DpkgStatus.Diff(before, after).Select(c => (c.Name.Value, c.OldVersion, c.NewVersion)));
    }
}
