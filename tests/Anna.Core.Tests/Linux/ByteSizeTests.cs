using Anna.Core.Linux;

namespace Anna.Core.Tests.Linux;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(2469606195L, "2.3 GB")]
    [InlineData(8L << 20, "8 MB")]
    [InlineData(1_200_000_000L, "1.1 GB")] // a package cache of 1.2e9 bytes, in its summary and on its "Free" chip alike
    public void Formats_for_people(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData("0B", 0L)]
    [InlineData("8.0M", 8L << 20)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("512.0K", 512L << 10)]
    [InlineData("1T", 1L << 40)]
    public void Parses_systemd_sizes(string text, long expected)
    {
        Assert.True(ByteSize.TryParseSystemd(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1M")]
    public void Rejects_what_is_not_a_size(string text) => Assert.False(ByteSize.TryParseSystemd(text, out _));
}
