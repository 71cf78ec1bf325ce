using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class RecentValuesTests
{
    [Fact]
    public void Keeps_the_latest_values_in_order_within_a_share_of_the_range_through_widenings()
    {
        var recent = new RecentValues(capacity: 100);
        var random = new Random(1);
        var kept = new List<double>();
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < 250; i++)
        {
            // Now and then a new extreme, so the shares are rescaled many times.
            var value = i % 37 == 0 ? (random.NextDouble() - 0.5) * i * 10 : random.NextDouble() * 10;
            (min, max) = (Math.Min(min, value), Math.Max(max, value));
            recent.Add(value, min, max);
            kept.Add(value);
        }
        Assert.Equal(100, recent.Count);
        var latest = kept[^100..];
        // A 16-bit share, rounded once per rescaling: far finer than the detector's few levels.
        var tolerance = (max - min) * 1e-3;
        for (var i = 0; i < 100; i++)
            Assert.InRange(recent.Value(i, 100), latest[i] - tolerance, latest[i] + tolerance);
        for (var i = 0; i < 10; i++)
            Assert.InRange(recent.Value(i, 10), latest[90 + i] - tolerance, latest[90 + i] + tolerance);
    }

    [Fact]
    public void A_flat_series_keeps_its_one_value()
    {
        var recent = new RecentValues(capacity: 4);
        for (var i = 0; i < 3; i++)
            recent.Add(5, 5, 5);
        Assert.Equal(3, recent.Count);
        Assert.Equal(5.0, recent.Value(0, 3));
        Assert.Equal(8, recent.BufferBytes);
    }
}
