using Anna.Core.Linux.ProcFs;
using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

public sealed class QuarantineDeviceTests
{
    [Theory]
    [InlineData((254UL << 32) | 0, "254:0")]
    [InlineData(50UL, "0:50")]
    [InlineData((8UL << 32) | 17, "8:17")]
    public void Devices_are_named_as_the_mount_table_names_them(ulong device, string expected) =>
        Assert.Equal(expected, KeptFilesUsage.DeviceName(device));

    [Fact]
    public void The_effective_uid_is_the_second_uid_field()
    {
        Assert.Equal(1000u, ProcessIdentity.ParseEffectiveUid("Name:\tanna\nUid:\t0\t1000\t1000\t1000\nGid:\t0\t0\t0\t0\n"));
        Assert.Throws<FormatException>(() => ProcessIdentity.ParseEffectiveUid("Name:\tanna\n"));
    }
}
