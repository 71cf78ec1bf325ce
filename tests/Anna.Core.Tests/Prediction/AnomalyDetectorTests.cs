using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class AnomalyDetectorTests
{
    // Seeded noise: every run sees the same series.
    private static double[] Noise(int length, double amplitude, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (var i = 0; i < length; i++)
            values[i] = amplitude * (random.NextDouble() - 0.5);
        return values;
    }

    private static double[] ScoreAll(IEnumerable<double> series, AnomalyDetectorOptions? options = null)
    {
        var detector = new AnomalyDetector(options);
        return series.Select(detector.Score).ToArray();
    }

    [Fact]
    public void Scores_stay_in_the_unit_interval()
    {
        var series = Noise(2000, 10, 1).Select((v, i) => i % 97 == 0 ? v * 1e6 : v);
        Assert.All(ScoreAll(series), s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void A_spike_scores_high_and_the_noise_around_it_low()
    {
        var series = Noise(1000, 2, 2).Select(v => 50 + v).ToArray();
        series[800] = 80;
        var scores = ScoreAll(series);
        Assert.True(scores[800] > 0.9, $"spike scored {scores[800]:F3}");
        Assert.True(scores[100..800].Max() < 0.5, $"noise before it scored up to {scores[100..800].Max():F3}");
    }

    [Fact]
    public void A_jumpy_series_must_out_jump_its_recent_past()
    {
        // Spikes of +20 every 50 samples are this series' normal; a spike of +200 is not.
        var series = Noise(1500, 2, 11).Select((v, i) => 50 + v + (i % 50 == 0 ? 20 : 0)).ToArray();
        series[1201] = 250;
        var scores = ScoreAll(series);
        Assert.True(scores[1000..1200].Max() < 0.2, $"the usual spikes scored up to {scores[1000..1200].Max():F3}");
        Assert.True(scores[1201] > 0.9, $"the big spike scored {scores[1201]:F3}");
    }

    [Fact]
    public void A_flat_series_scores_zero()
    {
        Assert.All(ScoreAll(Enumerable.Repeat(42.0, 1000)), s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void A_slow_drift_with_noise_scores_low()
    {
        // 30 % of disk to 60 % over 3000 samples, ±1 of noise: a trend, not an anomaly.
        var noise = Noise(3000, 2, 3);
        var series = noise.Select((v, i) => 30 + i * 0.01 + v);
        var scores = ScoreAll(series);
        Assert.True(scores[100..].Max() < 0.5, $"drift scored up to {scores[100..].Max():F3}");
    }

    [Fact]
    public void A_daily_cycle_once_learned_does_not_raise_scores()
    {
        // 5-minute samples: 288 a day; a smooth cycle of amplitude 20 with a little noise, eight days.
        var noise = Noise(288 * 8, 1, 4);
        var series = noise.Select((v, i) => 50 + 20 * Math.Sin(2 * Math.PI * i / 288) + v).ToArray();
        var scores = ScoreAll(series);
        var afterFirstDay = scores[288..];
        Assert.True(afterFirstDay.Max() < 0.5, $"the cycle scored up to {afterFirstDay.Max():F3}");

        // The same cycle with a jump in the middle of day 7 does score high there.
        series[288 * 6 + 100] += 40;
        Assert.True(ScoreAll(series)[288 * 6 + 100] > 0.9);
    }

    [Fact]
    public void A_score_never_depends_on_later_samples()
    {
        var past = Noise(600, 5, 5);
        var futureA = Noise(400, 5, 6);
        var futureB = Noise(400, 500, 7).Select(v => v + 1000);
        var scoresA = ScoreAll(past.Concat(futureA));
        var scoresB = ScoreAll(past.Concat(futureB));
        Assert.Equal(scoresA[..600], scoresB[..600]);
        Assert.NotEqual(scoresA[600..], scoresB[600..]);
    }

    [Fact]
    public void Memory_is_fixed_and_within_64_KiB_however_long_the_series()
    {
        var detector = new AnomalyDetector();
        var before = detector.BufferBytes;
        var series = Noise(20_000, 10, 8);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < series.Length; i++)
            detector.Score(series[i]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(before, detector.BufferBytes);
        Assert.True(before <= 64 * 1024, $"{before} bytes of buffers");
        // Scoring allocates nothing: the buffers made at construction are all a series ever holds.
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_level_shift_is_reported_when_it_starts_and_stays_surprising_while_it_lasts()
    {
        var series = Noise(1500, 2, 10).Select((v, i) => (i < 1000 ? 50 : 80) + v).ToArray();
        var detector = new AnomalyDetector();
        var scores = new double[series.Length];
        var surprises = new double[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            scores[i] = detector.Score(series[i]);
            surprises[i] = detector.Surprise;
        }
        Assert.True(scores[1000] > 0.9, $"the shift scored {scores[1000]:F3}");
        // Reported once: the samples after it are no more surprising than the first one was.
        Assert.True(scores[1001..1100].Count(s => s > 0.5) <= 2, "the shift was reported again and again");
        Assert.True(surprises[1001..1100].Min() > 0.9, "the shift stopped being surprising at once");
    }

    [Fact]
    public void Not_a_number_scores_zero_and_is_not_learned()
    {
        var series = Noise(300, 2, 9);
        var detector = new AnomalyDetector();
        var withGaps = new AnomalyDetector();
        for (var i = 0; i < series.Length; i++)
        {
            Assert.Equal(0.0, withGaps.Score(double.NaN));
            Assert.Equal(detector.Score(series[i]), withGaps.Score(series[i]));
        }
    }

    // A series that exercises the windows: noise, ties (rounded values, flat runs), spikes, level
    // shifts, a ramp and gaps of not-a-number, long enough to slide through the window many times.
    private static double[] Varied(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        var level = 50.0;
        for (var i = 0; i < length; i++)
        {
            if (random.Next(400) == 0)
                level += random.Next(-30, 30);
            var v = (i / 700 % 4) switch
            {
                0 => level + random.NextDouble() * 4,
                1 => Math.Round(level + random.NextDouble() * 3),
                2 => level + (i % 700) * 0.05 + random.NextDouble(),
                _ => random.Next(10) == 0 ? level + 1 : level,
            };
            values[i] = random.Next(300) == 0 ? double.NaN : random.Next(150) == 0 ? v + random.Next(20, 200) : v;
        }
        return values;
    }

    [Theory]
    [InlineData(64, 8, 1, 50, 1)]
    [InlineData(64, 8, 5, 0, 2)]
    [InlineData(256, 32, 32, 250, 3)]
    [InlineData(2048, 32, 32, 1000, 4)]
    public void Scores_are_those_of_a_straightforward_recomputation_over_the_windows(int window, int warmup, int refresh, int quiet, int seed)
    {
        var options = AnomalyDetectorOptions.Default with { Window = window, Warmup = warmup, Refresh = refresh, Quiet = quiet };
        var detector = new AnomalyDetector(options);
        var reference = new StraightforwardAnomalyDetector(options);
        var series = Varied(Math.Max(6000, window * 3), seed);
        for (var i = 0; i < series.Length; i++)
        {
            // Bit for bit: the ordered windows hold exactly the values a recomputation sorts.
            var expected = reference.Score(series[i]);
            Assert.True(expected == detector.Score(series[i]), $"sample {i}: expected {expected:R}");
            Assert.True(reference.Surprise == detector.Surprise, $"sample {i}: surprise {detector.Surprise:R}, expected {reference.Surprise:R}");
        }
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(64, 2)]
    [InlineData(64, 65)]
    [InlineData(4096, 32)]
    public void Options_out_of_range_are_refused_by_name(int window, int warmup)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyDetector(new AnomalyDetectorOptions { Window = window, Warmup = warmup }));
        Assert.True(ex.ParamName is nameof(AnomalyDetectorOptions.Window) or nameof(AnomalyDetectorOptions.Warmup));
    }
}
