using Anna.Core.Linux.FileSystem;
using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

public sealed class QuarantineLayoutTests
{
    private static readonly RollbackStorage Storage = new("/var/lib/anna");

    private static MountEntry Mount(string point, string device = "8:1") => new(point, "ext4", "/dev/sda1", device, false);

    private static QuarantinedFile File(string original, string quarantined) => new(original, quarantined, 1, 0, 0, 420, 0);

    [Fact]
    public void A_file_keeps_its_whole_path_below_the_actions_directory() =>
        Assert.Equal("/var/lib/anna/quarantine/42/var/cache/apt/archives/a.deb",
            QuarantineLayout.PathFor(Storage.QuarantineDirectory, 42, "/var/cache/apt/archives/a.deb"));

    [Theory]
    [InlineData("/var/cache/a.deb", "/var/lib/anna/quarantine/42/var/cache/a.deb", "/var/lib/anna/quarantine/42")]
    [InlineData("/srv/x", "/srv/.anna-quarantine/7/srv/x", "/srv/.anna-quarantine/7")]
    [InlineData("/srv/x", "/srv/.anna-quarantine/7/srv/y", null)]
    [InlineData("/srv/x", "/srv/elsewhere/7/srv/x", null)]
    [InlineData("/srv/x", "/srv/.anna-quarantine/x7/srv/x", null)]
    [InlineData("/srv/x", "/srv/.anna-quarantine/7/../srv/x", null)]
    [InlineData("/", "/srv/.anna-quarantine/7/", null)]
    public void The_actions_directory_is_found_only_in_the_layout(string original, string quarantined, string? expected) =>
        Assert.Equal(expected, QuarantineLayout.JournalDirectoryOf(File(original, quarantined)));

    [Fact]
    public void Release_and_pruning_never_reach_above_the_root() =>
        Assert.Equal("/var/lib/anna/quarantine", QuarantineLayout.RootOf(File("/a/b", "/var/lib/anna/quarantine/3/a/b")));

    [Fact]
    public void The_mount_is_the_longest_mount_point_above_the_path_and_the_one_on_top_of_equals()
    {
        IReadOnlyList<MountEntry> mounts = [Mount("/"), Mount("/var", "8:2"), Mount("/var/cache", "0:50"), Mount("/var/cache", "0:51"), Mount("/variable", "8:3")];

        Assert.Equal("/var/cache", QuarantineLayout.LongestMountPoint("/var/cache/apt/a.deb", mounts));
        Assert.Equal("/var", QuarantineLayout.LongestMountPoint("/var/cached/a", mounts));
        Assert.Equal("/", QuarantineLayout.LongestMountPoint("/home/a", mounts));
        Assert.Equal("/variable", QuarantineLayout.LongestMountPoint("/variable/a", mounts));
        Assert.Null(QuarantineLayout.LongestMountPoint("/a", []));
    }

    [Fact]
    public void The_data_directorys_quarantine_is_used_only_on_the_same_filesystem_and_mount()
    {
        Assert.Equal("/var/lib/anna/quarantine", QuarantineLayout.RootFor(Storage, 5, "/", 5, "/"));
        // Another filesystem: its own root.
        Assert.Equal("/srv/.anna-quarantine", QuarantineLayout.RootFor(Storage, 6, "/srv", 5, "/"));
        Assert.Equal("/.anna-quarantine", QuarantineLayout.RootFor(Storage, 6, "/", 5, "/var"));
        // The same filesystem bind-mounted elsewhere: a rename would still cross mounts (EXDEV).
        Assert.Equal("/mnt/bind/.anna-quarantine", QuarantineLayout.RootFor(Storage, 5, "/mnt/bind", 5, "/"));
        Assert.Null(QuarantineLayout.RootFor(Storage, 6, null, 5, "/"));
    }

    [Fact]
    public void Only_roots_on_other_filesystems_are_removed_when_empty()
    {
        Assert.True(QuarantineLayout.IsForeignRoot("/srv/.anna-quarantine"));
        Assert.False(QuarantineLayout.IsForeignRoot(Storage.QuarantineDirectory));
    }
}
