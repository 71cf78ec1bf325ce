using Anna.Core.Linux.Systemd;

namespace Anna.Core.Tests.Linux;

public sealed class UnitObjectPathTests
{
    [Theory]
    [InlineData("/org/freedesktop/systemd1/unit/foo_2eservice", "foo.service")]
    [InlineData("/org/freedesktop/systemd1/unit/getty_40tty1_2eservice", "getty@tty1.service")]
    [InlineData("/org/freedesktop/systemd1/unit/dev_2dsda1_2edevice", "dev-sda1.device")]
    [InlineData("/org/freedesktop/systemd1/unit/_2d_2emount", "-.mount")]
    [InlineData("/org/freedesktop/systemd1/unit/a_5cx2db_2eservice", @"a\x2db.service")]
    [InlineData("/org/freedesktop/systemd1/unit/user_2d1000_2eslice", "user-1000.slice")]
    public void Unescapes_systemd_bus_labels(string path, string unit)
    {
        Assert.Equal(unit, UnitObjectPath.TryGetUnitName(path));
        Assert.Equal(path, UnitObjectPath.Escape(unit));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/org/freedesktop/systemd1")]
    [InlineData("/org/freedesktop/systemd1/unit/")]
    [InlineData("/org/freedesktop/systemd1/unit/_")]
    [InlineData("/org/freedesktop/systemd1/unit/foo_2")]
    [InlineData("/org/freedesktop/systemd1/unit/foo_zz")]
    [InlineData("/org/freedesktop/systemd1/job/42")]
    public void Returns_null_for_paths_that_are_not_units(string? path)
    {
        Assert.Null(UnitObjectPath.TryGetUnitName(path));
    }
}
