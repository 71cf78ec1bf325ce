using Anna.Core.Issues;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;

namespace Anna.Core.Tests.Prediction;

public sealed class AnomalyWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeded noise around <paramref name="level"/>, one sample a minute from <paramref name="from"/>.</summary>
    private static IEnumerable<Sample> Quiet(string metric, string subject, int count, double level, int seed, int from = 0)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return new Sample(metric, subject, Start.AddMinutes(from + i), level + random.NextDouble() - 0.5);
    }

    private static void Feed(AnomalyWatch watch, IEnumerable<Sample> samples)
    {
        foreach (var sample in samples)
            watch.Observe(sample);
    }

    [Fact]
    public void A_jump_far_outside_the_past_becomes_an_anomaly_on_its_second_sample_and_ends_once_learned()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Quiet(SampleMetric.DiskUsedBytes, "/var", 300, 100, 1));

        watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(300), 160));
        Assert.Empty(watch.Current()); // one surprising sample is not yet an anomaly
        watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(301), 161));

        var anomaly = Assert.Single(watch.Current());
        Assert.Equal((SampleMetric.DiskUsedBytes, "/var"), (anomaly.Metric, anomaly.Subject));
        Assert.Equal(Start.AddMinutes(300), anomaly.Since);
        Assert.Equal(2, anomaly.Samples);
        Assert.True(anomaly.Surprise >= watch.Rule.RaiseAt, $"surprise {anomaly.Surprise}");

        // The new level, once its patterns are learned, is the series' normal: the anomaly ends.
        Feed(watch, Enumerable.Range(302, 3).Select(i => new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(i), 162)));
        Assert.Empty(watch.Current());
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("uniform")]
    [InlineData("daily")]
    [InlineData("heavy-tailed")]
    [InlineData("growing")]
    [InlineData("sawtooth")]
    public void A_series_noisy_in_its_usual_way_raises_less_than_one_anomaly_a_day(string noise)
    {
        // Ten days of seeded noise a minute apart: fewer than one anomaly a day, and none while the series is new.
        // The contextual detector is not silent on white noise (about one anomaly in 6,000 samples of Gaussian
        // noise); at a raise of 0.8 instead of 0.9 it raises one in 440 samples of uniform noise, and this fails.
        const int days = 10;
        var watch = new AnomalyWatch();
        var random = new Random(noise.Length);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var raised = new List<int>();
        DateTimeOffset? since = null;
        for (var i = 0; i < days * 1440; i++)
        {
            var value = noise switch
            {
                "gaussian" => 50 + 5 * Gaussian(),
                "uniform" => 100 * random.NextDouble(),
                "daily" => 50 + 20 * Math.Sin(2 * Math.PI * i / 288) + 3 * Gaussian(),
                // A disk filling steadily from 20 % to 80 %, and a log that grows all day and is rotated at midnight:
                // each new high widens the detector's range, which without SteadyGrowth raised about one anomaly a day.
                "growing" => 20 + 60.0 * i / (days * 1440) + 0.5 * Gaussian(),
                "sawtooth" => 30 + 20.0 * (i % 1440) / 1440 + 0.5 * Gaussian(),
                _ => 50 + 5 * Gaussian() / Math.Max(0.05, Math.Abs(Gaussian())),
            };
            watch.Observe(new Sample(SampleMetric.MemoryAvailableBytes, "memory", Start.AddMinutes(i), value));
            var current = watch.Current();
            var now = current.Count > 0 ? current[0].Since : (DateTimeOffset?)null;
            if (now is not null && now != since)
                raised.Add(i);
            since = now;
        }
        Assert.True(raised.Count < days, $"{raised.Count} anomalies in {days} days of {noise} noise, at samples {string.Join(", ", raised)}");
        Assert.DoesNotContain(raised, i => i <= watch.Rule.WarmUp);
    }

    [Fact]
    public void Growth_that_suddenly_runs_much_faster_is_an_anomaly()
    {
        // A disk creeping up by its usual steps is growth; the same disk filling a thousand times as fast is news.
        var watch = new AnomalyWatch();
        var random = new Random(7);
        var value = 20.0;
        for (var i = 0; i < 2000; i++)
        {
            value += 0.01;
            watch.Observe(new Sample(SampleMetric.DiskUsedPercent, "/var", Start.AddMinutes(i), value + 0.1 * (random.NextDouble() - 0.5)));
        }
        Assert.Empty(watch.Current());

        for (var i = 2000; i < 2003; i++)
        {
            value += 10;
            watch.Observe(new Sample(SampleMetric.DiskUsedPercent, "/var", Start.AddMinutes(i), value));
        }

        var anomaly = Assert.Single(watch.Current());
        Assert.Equal("/var", anomaly.Subject);
        Assert.Equal(Start.AddMinutes(2000), anomaly.Since);
    }

    [Fact]
    public void The_earlier_levels_rule_still_holds_a_level_that_stays_far_from_the_past()
    {
        // The median/MAD rule, kept for the replays' comparison: three samples, and it lasts while the level does.
        var watch = new AnomalyWatch(AnomalyRule.Levels);
        Feed(watch, Quiet(SampleMetric.MemoryAvailableBytes, "memory", 300, 100, 2));
        watch.Observe(new Sample(SampleMetric.MemoryAvailableBytes, "memory", Start.AddMinutes(300), 20));
        Feed(watch, Quiet(SampleMetric.MemoryAvailableBytes, "memory", 5, 100, 3, from: 301));
        Assert.Empty(watch.Current()); // one spike is not an anomaly to this rule

        Feed(watch, Enumerable.Range(310, 4).Select(i => new Sample(SampleMetric.MemoryAvailableBytes, "memory", Start.AddMinutes(i), 20)));
        Assert.Equal(4, Assert.Single(watch.Current()).Samples);
        Feed(watch, Quiet(SampleMetric.MemoryAvailableBytes, "memory", 3, 100, 4, from: 314));
        Assert.Empty(watch.Current());
    }

    [Fact]
    public void A_raised_limit_is_a_setting_not_an_anomaly()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Enumerable.Range(0, 300).Select(i => new Sample(SampleMetric.UnitMemoryMaxBytes, "web.service", Start.AddMinutes(i), 512 << 20)));
        Feed(watch, Enumerable.Range(300, 5).Select(i => new Sample(SampleMetric.UnitMemoryMaxBytes, "web.service", Start.AddMinutes(i), 1024 << 20)));

        Assert.Empty(watch.Current());
        Assert.Equal(0, watch.Series); // nor does it take the place of a series that is measured
    }

    [Fact]
    public void A_quiet_series_raises_nothing()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Quiet(SampleMetric.DiskUsedBytes, "/", 2000, 100, 5));
        Assert.Empty(watch.Current());
    }

    [Fact]
    public void Series_unusual_at_the_same_time_are_named_as_the_likely_cause()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Quiet(SampleMetric.UnitMemoryBytes, "web.service", 300, 100, 6));
        Feed(watch, Quiet(SampleMetric.MemoryAvailableBytes, "memory", 300, 500, 7));
        Feed(watch, Quiet(SampleMetric.DiskUsedBytes, "/", 300, 50, 8));
        for (var i = 0; i < 2; i++)
        {
            watch.Observe(new Sample(SampleMetric.UnitMemoryBytes, "web.service", Start.AddMinutes(300 + i), 400 + i));
            watch.Observe(new Sample(SampleMetric.MemoryAvailableBytes, "memory", Start.AddMinutes(300 + i), 200 - i));
            watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/", Start.AddMinutes(300 + i), 50));
        }

        var memory = watch.Current().Single(a => a.Subject == "memory");
        Assert.Equal(["unit_memory_bytes of web.service"], memory.MovedWith);
        Assert.Equal(2, watch.Current().Count); // the disk did not move
    }

    [Fact]
    public void The_watch_is_bounded_to_the_sample_stores_series()
    {
        var watch = new AnomalyWatch();
        for (var i = 0; i < SampleRetention.MaxSeries + 10; i++)
            watch.Observe(new Sample(SampleMetric.UnitRestarts, $"u{i}.service", Start, 0));
        Assert.Equal(SampleRetention.MaxSeries, watch.Series);
        Assert.Equal(10, watch.Ignored);
    }

    [Fact]
    public async Task The_probe_reports_an_anomaly_as_information_then_as_a_warning_when_it_lasts()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Quiet(SampleMetric.DiskUsedBytes, "/var", 300, 100L << 30, 9));
        var probe = new AnomalyProbe(watch, TimeProvider.System);
        Feed(watch, Enumerable.Range(300, 2).Select(i => new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(i), 150L << 30)));

        var issue = Assert.Single(await probe.ScanAsync(CancellationToken.None));
        Assert.Equal(IssueKind.Anomaly, issue.Kind);
        Assert.Equal("disk_used_bytes:/var", issue.Subject);
        Assert.Equal(IssueSeverity.Info, issue.Severity);
        Assert.Contains("150.0 GiB now", issue.Summary, StringComparison.Ordinal);
        Assert.Equal("2", issue.Evidence["unusual_samples"]);

        // One that keeps surprising the detector for an hour of disk samples is worth a warning.
        var anomaly = Assert.Single(watch.Current());
        var lasting = AnomalyProbe.ToIssue(anomaly with { Samples = AnomalyProbe.WarnAfter }, Start.AddMinutes(312));
        Assert.Equal(IssueSeverity.Warning, lasting.Severity);
        Assert.Equal(IssueSeverity.Info, AnomalyProbe.ToIssue(anomaly with { Samples = AnomalyProbe.WarnAfter - 1 }, Start.AddMinutes(311)).Severity);
    }
}
