using Anna.Core.Linux.Packages.Pacman;

namespace Anna.Core.Tests.Linux.Pacman;

/// <summary>The cases of pacman's own vercmp test suite, each checked both ways round.</summary>
public sealed class PacmanVersionTests
{
    [Theory]
    // same length, no pkgrel
    [InlineData("1.5.0", "1.5.0", 0)]
    [InlineData("1.5.1", "1.5.0", 1)]
    // mixed length
    [InlineData("1.5.1", "1.5", 1)]
    [InlineData("1.0", "1.0.1", -1)]
    // with pkgrel
    [InlineData("1.5.0-1", "1.5.0-1", 0)]
    [InlineData("1.5.0-1", "1.5.0-2", -1)]
    [InlineData("1.0-1", "1.0-2", -1)]
    [InlineData("1.5.0-1", "1.5.1-1", -1)]
    [InlineData("1.5.0-2", "1.5.1-1", -1)]
    [InlineData("1.5-1", "1.5.1-1", -1)]
    [InlineData("1.5-2", "1.5.1-1", -1)]
    [InlineData("1.5-2", "1.5.1-2", -1)]
    [InlineData("1.0-9", "1.0-10", -1)]
    // a missing pkgrel matches any pkgrel
    [InlineData("1.5", "1.5-1", 0)]
    [InlineData("1.1-1", "1.1", 0)]
    [InlineData("1.0-1", "1.1", -1)]
    [InlineData("1.1-1", "1.0", 1)]
    // letters
    [InlineData("1.5b-1", "1.5-1", -1)]
    [InlineData("1.5b", "1.5", -1)]
    [InlineData("1.5b-1", "1.5", -1)]
    [InlineData("1.5b", "1.5.1", -1)]
    [InlineData("1.0a", "1.0", -1)]
    // the man page's ordering of pre-releases
    [InlineData("1.0a", "1.0alpha", -1)]
    [InlineData("1.0alpha", "1.0b", -1)]
    [InlineData("1.0b", "1.0beta", -1)]
    [InlineData("1.0beta", "1.0rc", -1)]
    [InlineData("1.0rc", "1.0", -1)]
    [InlineData("1.0rc1", "1.0", -1)]
    [InlineData("1.0rc1", "1.0rc2", -1)]
    [InlineData("1.0rc2", "1.0.1", -1)]
    // dotted letters
    [InlineData("1.5.a", "1.5", 1)]
    [InlineData("1.5.b", "1.5.a", 1)]
    [InlineData("1.5.1", "1.5.b", 1)]
    [InlineData("1.5.b-1", "1.5.b", 0)]
    [InlineData("1.5-1", "1.5.b", -1)]
    // separators: only their count matters
    [InlineData("2.0", "2_0", 0)]
    [InlineData("2.0_a", "2_0.a", 0)]
    [InlineData("2.0a", "2.0.a", -1)]
    [InlineData("2___a", "2_a", 1)]
    // numbers: leading zeros ignored, longer numbers are bigger
    [InlineData("1.010", "1.10", 0)]
    [InlineData("1.100", "1.99", 1)]
    [InlineData("20240101", "9999", 1)]
    // epochs
    [InlineData("0:1.0", "0:1.0", 0)]
    [InlineData("0:1.0", "0:1.1", -1)]
    [InlineData("1:1.0", "0:1.0", 1)]
    [InlineData("1:1.0", "0:1.1", 1)]
    [InlineData("1:1.0", "2:1.1", -1)]
    [InlineData("1:1.0", "0:1.0-1", 1)]
    [InlineData("1:1.0-1", "0:1.1-1", 1)]
    [InlineData("0:1.0", "1.0", 0)]
    [InlineData("0:1.0", "1.1", -1)]
    [InlineData("0:1.1", "1.0", 1)]
    [InlineData("1:1.0", "1.0", 1)]
    [InlineData("1:1.0", "1.1", 1)]
    [InlineData("1:1.1", "1.1", 1)]
    [InlineData("1:0.1", "2.0", 1)]
    [InlineData("1:0.1-1", "2.0-1", 1)]
    public void Orders_versions_like_vercmp(string a, string b, int expected)
    {
        Assert.Equal(expected, PacmanVersion.Compare(a, b));
        Assert.Equal(-expected, PacmanVersion.Compare(b, a));
    }

    [Fact]
    public void Sorts_with_the_comparer()
    {
        string[] versions = ["1.0-1", "1:0.1-1", "1.0rc1-1", "1.0.1-1", "1.0-2", "0.9-1"];
        Assert.Equal(["0.9-1", "1.0rc1-1", "1.0-1", "1.0-2", "1.0.1-1", "1:0.1-1"], versions.Order(PacmanVersion.Comparer));
    }

    [Fact]
    public void Null_is_older_than_any_version()
    {
        Assert.Equal(-1, PacmanVersion.Compare(null, "1.0"));
        Assert.Equal(1, PacmanVersion.Compare("1.0", null));
        Assert.Equal(0, PacmanVersion.Compare(null, null));
    }
}
