using Anna.Core.Linux.Systemd;

namespace Anna.Core.Tests.Linux;

public sealed class UnitNameTests
{
    [Theory]
    [InlineData("foo.service")]
    [InlineData("getty@tty1.service")]
    [InlineData("getty@.service")]
    [InlineData(@"a\x2db.service")]
    [InlineData("dev-sda1.device")]
    [InlineData("-.mount")]
    [InlineData("-.slice")]
    [InlineData("user-1000.slice")]
    [InlineData("systemd-fsck@dev-disk-by\\x2duuid-1234.service")]
    [InlineData("sys-devices-platform-serial8250-tty-ttyS0.device")]
    [InlineData("logrotate.timer")]
    [InlineData("dbus.socket")]
    [InlineData("multi-user.target")]
    [InlineData("session-3.scope")]
    [InlineData("a:b_c.path")]
    [InlineData("proc-sys-fs-binfmt_misc.automount")]
    [InlineData("dev-zram0.swap")]
    public void Accepts_valid_unit_names(string value)
    {
        Assert.True(UnitName.TryParse(value, out var name, out var error), error);
        Assert.Equal(value, name.Value);
        Assert.Equal(value, UnitName.Parse(value).ToString());
    }

    [Fact]
    public void Accepts_the_longest_allowed_name()
    {
        var value = new string('a', UnitName.MaxLength - ".service".Length) + ".service";
        Assert.True(UnitName.TryParse(value, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo")]
    [InlineData("foo.")]
    [InlineData("foo.servic")]
    [InlineData("foo.SERVICE")]
    [InlineData(".service")]
    [InlineData("@x.service")]
    [InlineData("a@b@c.service")]
    [InlineData("foo bar.service")]
    [InlineData(" foo.service")]
    [InlineData("foo.service ")]
    [InlineData("../../etc/passwd.service")]
    [InlineData("/etc/passwd.service")]
    [InlineData("foo;rm -rf /.service")]
    [InlineData("foo$(id).service")]
    [InlineData("foo`id`.service")]
    [InlineData("foo|bar.service")]
    [InlineData("foo\nbar.service")]
    [InlineData("foo.service\n")]
    [InlineData("foo\0.service")]
    [InlineData("foo\t.service")]
    [InlineData("föö.service")]
    [InlineData("服务.service")]
    [InlineData("foo\u200b.service")]
    [InlineData("foo'.service")]
    [InlineData("foo\".service")]
    [InlineData("*.service")]
    public void Rejects_invalid_unit_names(string value)
    {
        Assert.False(UnitName.TryParse(value, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<ArgumentException>(() => UnitName.Parse(value));
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(UnitName.TryParse(null, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Rejects_names_over_255_characters()
    {
        var value = new string('a', UnitName.MaxLength - ".service".Length + 1) + ".service";
        Assert.Equal(256, value.Length);
        Assert.False(UnitName.TryParse(value, out _, out var error));
        Assert.Contains("255", error);
    }

    [Fact]
    public void Error_shows_control_characters_escaped()
    {
        Assert.False(UnitName.TryParse("foo\nbar.service", out _, out var error));
        Assert.DoesNotContain('\n', error);
        Assert.Contains("\\u000a", error);
    }
}
