using Anna.Core.Linux.Packages;

namespace Anna.Core.Tests.Linux;

public sealed class PackageNameTests
{
    [Theory]
    [InlineData("foo; rm -rf /")]
    [InlineData("../../etc/passwd")]
    [InlineData("-o")]
    [InlineData("--allow-downgrades")]
    [InlineData("foo bar")]
    [InlineData("foo\nbar")]
    [InlineData("$(reboot)")]
    [InlineData("foo`id`")]
    [InlineData("foo=1.0")]
    [InlineData("foo/bookworm")]
    [InlineData("")]
    public void Hostile_names_are_rejected(string hostile)
    {
        Assert.False(PackageName.TryParse(hostile, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<ArgumentException>(() => PackageName.Parse(hostile));
    }

    [Fact]
    public void A_300_character_name_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PackageName.Parse(new string('a', 300))).Message;
        Assert.Contains("longer than", error);
    }

    [Theory]
    [InlineData("anna-test-app")]
    [InlineData("libstdc++6")]
    [InlineData("linux-image-6.1.0-28-amd64")]
    [InlineData("python3.11")]
    public void Real_names_pass(string name) => Assert.Equal(name, PackageName.Parse(name).Value);
}
