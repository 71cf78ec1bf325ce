using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class LearnedRangeTests
{
    [Fact]
    public void Without_a_margin_the_extremes_seen_take_the_end_levels()
    {
        var range = new LearnedRange(bits: 3, margin: 0);
        Assert.Equal(0, range.Level(10));
        Assert.False(range.Widened);
        Assert.Equal(7, range.Level(17));
        Assert.True(range.Widened);
        Assert.Equal(3, range.Level(13.5));
        Assert.False(range.Widened);
        Assert.Equal(0, range.Level(10));
    }

    [Fact]
    public void A_margin_leaves_room_on_both_sides_and_widens_only_beyond_it()
    {
        var range = new LearnedRange(bits: 3, margin: 1);
        range.Level(10);
        range.Level(17);
        // Range now 3 .. 24 (7 on each side): one level per 3 units.
        Assert.Equal(2, range.Level(10));
        Assert.Equal(4, range.Level(17));
        Assert.Equal(6, range.Level(22));
        Assert.False(range.Widened);
        Assert.Equal(7, range.Level(24));
        Assert.False(range.Widened);
        range.Level(24.5);
        Assert.True(range.Widened);
    }

    [Fact]
    public void The_extremes_seen_are_the_values_not_the_margin()
    {
        var range = new LearnedRange(bits: 3, margin: 0.5);
        range.Level(10);
        range.Level(12);
        range.Level(12.5);
        Assert.False(range.Widened);
        range.Level(7);
        Assert.True(range.Widened);
        Assert.Equal((7.0, 12.0), (range.SeenMin, range.SeenMax));
    }

    [Fact]
    public void A_known_range_never_widens_and_clamps()
    {
        var range = LearnedRange.Known(bits: 2, min: 0, max: 3);
        Assert.Equal(1, range.Level(1));
        Assert.Equal(3, range.Level(100));
        Assert.Equal(0, range.Level(-100));
        Assert.False(range.Widened);
    }
}
