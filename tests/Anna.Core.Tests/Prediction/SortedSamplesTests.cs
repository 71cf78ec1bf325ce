using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class SortedSamplesTests
{
    // Median, MAD and range recomputed from scratch by sorting: what the ordered window must always equal.
    private static (double Median, double Mad, double Range) Recomputed(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        return (median, deviations[sorted.Length / 2], sorted[^1] - sorted[0]);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(8, 2)]
    [InlineData(64, 3)]
    [InlineData(257, 4)]
    public void A_sliding_window_always_summarises_as_a_recomputation_over_its_values(int capacity, int seed)
    {
        // Values with many ties (rounded), jumps and runs, sliding through the window many times over.
        var random = new Random(seed);
        var window = new SampleWindow(capacity);
        var held = new Queue<double>();
        var level = 0.0;
        for (var i = 0; i < capacity * 20; i++)
        {
            if (random.Next(50) == 0)
                level += random.Next(-100, 100);
            var value = random.Next(4) == 0 ? Math.Round(level + random.NextDouble() * 5) : level + random.NextDouble() * 5 - 2.5;
            window.Add(value, out var left);
            held.Enqueue(value);
            if (held.Count > capacity)
                Assert.Equal(held.Dequeue(), left);

            Assert.Equal(held.Count, window.Count);
            Assert.Equal(Recomputed(held), window.Summarize());
        }
    }

    [Fact]
    public void Replacing_keeps_the_values_in_order_and_takes_out_exactly_the_one_leaving()
    {
        var samples = new SortedSamples(5);
        foreach (var v in new[] { 3.0, 1, 3, -2, 7 })
            samples.Add(v);
        samples.Replace(3, 10);
        Assert.Equal([-2.0, 1, 3, 7, 10], samples.ToArray());
        samples.Replace(7, -5);
        Assert.Equal([-5.0, -2, 1, 3, 10], samples.ToArray());
        samples.Replace(1, 1);
        Assert.Equal([-5.0, -2, 1, 3, 10], samples.ToArray());
        Assert.Throws<InvalidOperationException>(() => samples.Replace(4, 0));
        Assert.Throws<InvalidOperationException>(() => samples.Add(0));
    }

    [Fact]
    public void An_empty_window_summarises_as_zeros()
    {
        Assert.Equal((0.0, 0.0, 0.0), new SortedSamples(4).Summarize());
    }
}
