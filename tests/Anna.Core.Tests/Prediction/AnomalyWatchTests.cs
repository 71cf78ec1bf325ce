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
    public void A_level_that_stays_far_from_the_past_becomes_an_anomaly_after_three_samples()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Quiet(SampleMetric.DiskUsedBytes, "/var", 300, 100, 1));

        watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(300), 160));
        watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(301), 161));
        Assert.Empty(watch.Current()); // two unusual samples are not yet a lasting anomaly
        watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(302), 162));

        var anomaly = Assert.Single(watch.Current());
        Assert.Equal((SampleMetric.DiskUsedBytes, "/var"), (anomaly.Metric, anomaly.Subject));
        Assert.Equal(Start.AddMinutes(300), anomaly.Since);
        Assert.Equal(3, anomaly.Samples);
        Assert.True(anomaly.Surprise >= AnomalyWatch.RaiseAt, $"surprise {anomaly.Surprise}");
    }

    [Fact]
    public void One_spike_is_not_an_anomaly_and_a_return_to_normal_ends_one()
    {
        var watch = new AnomalyWatch();
        Feed(watch, Quiet(SampleMetric.MemoryAvailableBytes, "memory", 300, 100, 2));
        watch.Observe(new Sample(SampleMetric.MemoryAvailableBytes, "memory", Start.AddMinutes(300), 20));
        Feed(watch, Quiet(SampleMetric.MemoryAvailableBytes, "memory", 5, 100, 3, from: 301));
        Assert.Empty(watch.Current());

        Feed(watch, Enumerable.Range(310, 4).Select(i => new Sample(SampleMetric.MemoryAvailableBytes, "memory", Start.AddMinutes(i), 20)));
        Assert.Single(watch.Current());
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
        for (var i = 0; i < 4; i++)
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
        Feed(watch, Enumerable.Range(300, 3).Select(i => new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(i), 150L << 30)));

        var issue = Assert.Single(await probe.ScanAsync(CancellationToken.None));
        Assert.Equal(IssueKind.Anomaly, issue.Kind);
        Assert.Equal("disk_used_bytes:/var", issue.Subject);
        Assert.Equal(IssueSeverity.Info, issue.Severity);
        Assert.Contains("150.0 GiB now", issue.Summary, StringComparison.Ordinal);
        Assert.Equal("3", issue.Evidence["unusual_samples"]);

        Feed(watch, Enumerable.Range(303, AnomalyProbe.WarnAfter).Select(i => new Sample(SampleMetric.DiskUsedBytes, "/var", Start.AddMinutes(i), 150L << 30)));
        var lasting = Assert.Single(await probe.ScanAsync(CancellationToken.None));
        Assert.Equal(IssueSeverity.Warning, lasting.Severity);
    }
}
