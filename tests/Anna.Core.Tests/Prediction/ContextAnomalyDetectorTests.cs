using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class ContextAnomalyDetectorTests
{
    // A daily-like cycle of 24 samples with a little seeded noise: every run sees the same series.
    private static double[] Periodic(int length, int seed, double noise = 0.5)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (var i = 0; i < length; i++)
            values[i] = 50 + 20 * Math.Sin(2 * Math.PI * i / 24) + noise * (random.NextDouble() - 0.5);
        return values;
    }

    private static double[] ScoreAll(IEnumerable<double> series, ContextAnomalyDetectorOptions? options = null)
    {
        var detector = new ContextAnomalyDetector(options);
        return series.Select(detector.Score).ToArray();
    }

    [Fact]
    public void A_steady_repeating_pattern_scores_low_once_learned()
    {
        var scores = ScoreAll(Periodic(3000, 1, noise: 0));
        // The rest period keeps the first samples (all news) quiet; after a few dozen cycles the pattern is known.
        Assert.All(scores[..ContextAnomalyDetectorOptions.Default.RestPeriod], s => Assert.Equal(0.0, s));
        // Not 0: contexts made from part of a step (a level alone) are ambiguous in a cycle that passes each
        // level going up and coming down, so some of their predictions always fail. Far below a high score.
        Assert.True(scores[2000..].Max() < 0.4, $"the learned cycle scored up to {scores[2000..].Max():F3}");
        var rest = ContextAnomalyDetectorOptions.Default.RestPeriod;
        var learning = scores[rest..(rest + 300)];
        Assert.True(scores[2000..].Average() < learning.Average(), $"the learned cycle scored {scores[2000..].Average():F3} on average, no less than while learning ({learning.Average():F3})");
    }

    [Fact]
    public void A_spike_inside_the_usual_range_scores_high_in_a_periodic_series()
    {
        var series = Periodic(3000, 2);
        // The peak of a cycle where its trough belongs: no new extreme, only a broken pattern.
        var at = 2400 + 18;
        Assert.True(series[at] < 35, "the sample replaced is at a trough");
        series[at] = 69;
        var scores = ScoreAll(series);
        // Above the rest threshold (a high score by the detector's own measure); the noisy cycles before it are not.
        Assert.True(scores[at] >= ContextAnomalyDetectorOptions.Default.RestThreshold, $"the broken pattern scored {scores[at]:F3}");
        Assert.True(scores[2000..at].Max() < 0.7, $"the cycles before it scored up to {scores[2000..at].Max():F3}");
    }

    [Fact]
    public void A_value_far_outside_the_learned_range_scores_one()
    {
        var series = Periodic(3000, 3);
        series[2500] = 500;
        var scores = ScoreAll(series);
        Assert.Equal(1.0, scores[2500]);
        Assert.True(scores[2000..2500].Max() < 0.7, $"the cycles before it scored up to {scores[2000..2500].Max():F3}");
        // Then it is quiet for the rest period while it relearns the levels, and reports once.
        Assert.All(scores[2501..(2501 + ContextAnomalyDetectorOptions.Default.RestPeriod)], s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void A_new_extreme_is_reported_even_inside_the_rest_after_another()
    {
        var series = Periodic(3000, 3);
        series[2500] = 500;
        series[2510] = 2000;
        var scores = ScoreAll(series);
        Assert.Equal(1.0, scores[2500]);
        Assert.All(scores[2501..2510], s => Assert.Equal(0.0, s));
        Assert.Equal(1.0, scores[2510]);
    }

    [Fact]
    public void After_a_widening_the_learned_cycle_is_still_known()
    {
        var series = Periodic(3000, 7);
        var (min, max) = (series[..2500].Min(), series[..2500].Max());
        // A little past the highest value seen and its margin: the range widens, so every level moves.
        series[2500] = max + 0.05 * (max - min);
        double[] Raw(ContextAnomalyDetectorOptions options)
        {
            var detector = new ContextAnomalyDetector(options);
            return series.Select(detector.Observe).ToArray();
        }
        var relearned = Raw(ContextAnomalyDetectorOptions.Default);
        var forgotten = Raw(ContextAnomalyDetectorOptions.Default with { RelearnSamples = 0 });
        Assert.Equal(1.0, relearned[2500]);
        // Relearned in the new levels, the next cycle is as familiar as those before; forgotten, it is all news again.
        var cycle = 2501..2525;
        Assert.True(relearned[cycle].Max() < 0.7, $"the cycle after the widening scored up to {relearned[cycle].Max():F3}");
        Assert.True(forgotten[cycle].Average() > relearned[cycle].Average() + 0.2,
            $"relearning should keep the cycle known: {relearned[cycle].Average():F3} relearned against {forgotten[cycle].Average():F3} forgotten");
    }

    [Fact]
    public void A_series_that_sets_a_record_at_every_sample_relearns_a_few_steps_a_sample()
    {
        var options = ContextAnomalyDetectorOptions.Default;
        var climbing = new ContextAnomalyDetector();
        for (var i = 0; i < 10_000; i++)
            climbing.Score(i);
        // Relearning, like scoring, allocates nothing.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 10_000; i < 20_000; i++)
            climbing.Score(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        Assert.InRange(climbing.RelearnedSteps, 1, 20_000L * options.RelearnStepsPerSample);

        // A rare widening relearns everything kept (and the record itself is news).
        var steady = new ContextAnomalyDetector();
        foreach (var value in Periodic(5000, 8))
            steady.Score(value);
        var before = steady.RelearnedSteps;
        steady.Score(1000);
        Assert.Equal(options.RelearnSamples, steady.RelearnedSteps - before);
    }

    [Fact]
    public void Memory_stays_within_its_capacity_on_a_long_random_series()
    {
        var random = new Random(4);
        var detector = new ContextAnomalyDetector();
        var bytes = detector.BufferBytes;
        Assert.True(bytes <= 64 * 1024, $"{bytes} bytes of buffers");
        for (var i = 0; i < 1000; i++)
            detector.Score(random.NextDouble() * 100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var most = 0;
        double lowest = 1, highest = 0;
        for (var i = 0; i < 200_000; i++)
        {
            // Random levels, now and then a slow wave with noise: both keep making new contexts.
            var score = detector.Score(i % 20_000 < 10_000 ? random.NextDouble() * 100 : 50 + 40 * Math.Sin(i * 0.001) + random.NextDouble() * 10);
            lowest = Math.Min(lowest, score);
            highest = Math.Max(highest, score);
            most = Math.Max(most, detector.Contexts);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(lowest, 0.0, 1.0);
        Assert.InRange(highest, 0.0, 1.0);
        Assert.True(most > ContextAnomalyDetectorOptions.Default.MaxContexts / 2, $"the series should fill the table past half (it reached {most})");
        Assert.True(most <= ContextAnomalyDetectorOptions.Default.MaxContexts, $"{most} contexts held");
        Assert.Equal(bytes, detector.BufferBytes);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_same_series_gives_the_same_scores_on_replay()
    {
        var random = new Random(5);
        var series = Periodic(6000, 5).Select((v, i) => i % 700 == 0 ? v + 30 * random.NextDouble() : v).ToArray();
        var first = ScoreAll(series);
        var second = ScoreAll(series);
        Assert.Equal(first, second);
        Assert.Contains(first, s => s > 0.5);
    }

    [Fact]
    public void Not_a_number_scores_zero_and_changes_nothing()
    {
        var series = Periodic(1500, 6);
        var with = new ContextAnomalyDetector();
        var without = new ContextAnomalyDetector();
        for (var i = 0; i < series.Length; i++)
        {
            if (i % 100 == 50)
                Assert.Equal(0.0, with.Score(double.NaN));
            Assert.Equal(without.Score(series[i]), with.Score(series[i]));
        }
    }

    [Theory]
    [InlineData(nameof(ContextAnomalyDetectorOptions.ValueBits))]
    [InlineData(nameof(ContextAnomalyDetectorOptions.RangeMargin))]
    [InlineData(nameof(ContextAnomalyDetectorOptions.RestThreshold))]
    [InlineData(nameof(ContextAnomalyDetectorOptions.MaxContexts))]
    [InlineData(nameof(ContextAnomalyDetectorOptions.RelearnSamples))]
    [InlineData(nameof(ContextAnomalyDetectorOptions.RelearnStepsPerSample))]
    public void Options_out_of_range_are_refused_naming_the_field(string field)
    {
        var options = field switch
        {
            nameof(ContextAnomalyDetectorOptions.ValueBits) => new ContextAnomalyDetectorOptions { ValueBits = 0 },
            nameof(ContextAnomalyDetectorOptions.RangeMargin) => new ContextAnomalyDetectorOptions { RangeMargin = double.NaN },
            nameof(ContextAnomalyDetectorOptions.RestThreshold) => new ContextAnomalyDetectorOptions { RestThreshold = 0 },
            nameof(ContextAnomalyDetectorOptions.RelearnSamples) => new ContextAnomalyDetectorOptions { RelearnSamples = -1 },
            nameof(ContextAnomalyDetectorOptions.RelearnStepsPerSample) => new ContextAnomalyDetectorOptions { RelearnStepsPerSample = 100_000 },
            _ => new ContextAnomalyDetectorOptions { MaxContexts = 70_000 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ContextAnomalyDetector(options));
        Assert.Equal(field, error.ParamName);
    }
}
