using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Tests.Linux.FileSystem;

public sealed class SafePathTests
{
    [Theory]
    [InlineData("/var/log")]
    [InlineData("/srv/app logs/x")]
    [InlineData("/")]
    public void Plain_absolute_paths_pass(string path) => Assert.Null(SafePath.Problem(path));

    [Theory]
    [InlineData("", "the path is empty")]
    [InlineData("var/log", "is not absolute")]
    [InlineData("/var/log/", "ends with /")]
    [InlineData("/var//log", "empty segment")]
    [InlineData("/var/log/../../etc/shadow", "contains \"..\"")]
    [InlineData("/var/./log", "contains \".\"")]
    [InlineData("/var/log\0x", "NUL")]
    public void Hostile_paths_are_rejected_with_a_reason(string path, string reason) =>
        Assert.Contains(reason, SafePath.Problem(path), StringComparison.Ordinal);

    [Fact]
    public void Root_is_not_a_log_directory() => Assert.NotNull(SafePath.LogRootProblem("/"));

    [Theory]
    [InlineData("/var/log/syslog", "/var/log", true)]
    [InlineData("/var/log", "/var/log", true)]
    [InlineData("/var/logs/x", "/var/log", false)]
    [InlineData("/var/lo", "/var/log", false)]
    public void Under_means_inside_not_a_shared_prefix(string path, string root, bool expected) =>
        Assert.Equal(expected, SafePath.IsUnder(path, root));

    [Fact]
    public void A_file_outside_every_root_is_refused() =>
        Assert.Contains("is not under a configured log path", SafePath.FileUnderRootsProblem("/etc/passwd", ["/var/log"]), StringComparison.Ordinal);
}
