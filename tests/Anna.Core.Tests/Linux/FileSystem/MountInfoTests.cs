using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Tests.Linux.FileSystem;

public sealed class MountInfoTests
{
    private const string Sample = """
        22 27 0:21 / /proc rw,relatime - proc proc rw
        23 27 0:22 / /sys rw,relatime - sysfs sysfs rw
        27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
        30 27 8:2 / /var rw,relatime shared:5 master:2 - xfs /dev/sda2 rw
        31 27 0:30 / /run rw,nosuid,nodev - tmpfs tmpfs rw,size=1600000k
        40 27 8:3 / /mnt/my\040disk rw - ext4 /dev/sda3 rw
        41 27 8:1 /srv /bind/srv rw - ext4 /dev/sda1 rw
        42 27 7:0 / /snap/core/1 ro,nodev - squashfs /dev/loop0 ro
        43 27 8:4 / /boot/efi ro - vfat /dev/sda4 ro
        44 27 0:40 / /home/u/remote rw - fuse.sshfs u@host: rw
        45 27 0:41 / /data rw - nfs4 srv:/data rw
        garbage line
        """;

    [Fact]
    public void Parses_fields_and_optional_tags()
    {
        var mounts = MountInfo.Parse(Sample);

        Assert.Equal(11, mounts.Count);
        var var = mounts.Single(m => m.MountPoint == "/var");
        Assert.Equal(("xfs", "/dev/sda2", "8:2", false), (var.FileSystemType, var.Source, var.Device, var.ReadOnly));
        Assert.True(mounts.Single(m => m.MountPoint == "/snap/core/1").ReadOnly);
    }

    [Fact]
    public void Octal_escapes_are_undone() =>
        Assert.Contains(MountInfo.Parse(Sample), m => m.MountPoint == "/mnt/my disk");

    [Theory]
    [InlineData(@"/a\134b", @"/a\b")]
    [InlineData(@"/tab\011x", "/tab\tx")]
    [InlineData(@"/not\09escape", @"/not\09escape")]
    [InlineData(@"/end\04", @"/end\04")]
    public void Unescape_handles_edges(string field, string expected) => Assert.Equal(expected, MountInfo.Unescape(field));

    [Theory]
    [InlineData("")]
    [InlineData("1 2 3 4 5 6 7")]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 -")]
    public void Malformed_lines_are_skipped(string line) => Assert.False(MountInfo.TryParseLine(line, out _));

    [Fact]
    public void Only_real_writable_local_filesystems_are_watched_each_once()
    {
        var watched = Anna.Core.Probes.DiskSpaceProbe.Watched(MountInfo.Parse(Sample), []);

        Assert.Equal(["/", "/var", "/mnt/my disk"], watched.Select(m => m.MountPoint));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/var/lib/docker/overlay2/abc/merged", false)]
    public void Only_an_overlay_at_the_root_is_watched(string mountPoint, bool watched) =>
        Assert.Equal(watched, Anna.Core.Probes.DiskSpaceProbe.IsRealFileSystem(new MountEntry(mountPoint, "overlay", "overlay", "0:50", false)));

    [Theory]
    [InlineData("fuse")]
    [InlineData("fuse.sshfs")]
    public void Filesystems_served_by_a_process_are_not_watched(string type) =>
        Assert.False(Anna.Core.Probes.DiskSpaceProbe.IsRealFileSystem(new MountEntry("/mnt/remote", type, "srv", "0:51", false)));

    [Fact]
    public void Extra_mount_points_are_watched_whatever_their_type()
    {
        var watched = Anna.Core.Probes.DiskSpaceProbe.Watched(MountInfo.Parse(Sample), ["/run", "/snap/core/1"]);

        Assert.Equal(["/", "/var", "/run", "/mnt/my disk", "/snap/core/1"], watched.Select(m => m.MountPoint));
    }
}
