using Anna.Core.Samples;

namespace Anna.Core.Tests.Samples;

public sealed class SampleRollupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static Sample Disk(double minutes, double value, string mount = "/") =>
        new(SampleMetric.DiskUsedBytes, mount, T0.AddMinutes(minutes), value);

    [Fact]
    public void Buckets_are_aligned_to_the_epoch_whatever_the_offset_of_the_instant()
    {
        var width = TimeSpan.FromMinutes(5);
        var local = new DateTimeOffset(2026, 3, 1, 12, 7, 59, TimeSpan.FromHours(2)); // 10:07:59 UTC

        Assert.Equal(T0.AddMinutes(5), SampleRollup.BucketStart(local, width));
        Assert.Equal(T0, SampleRollup.BucketStart(T0, width));
        Assert.Equal(T0.AddMinutes(-5), SampleRollup.BucketStart(T0.AddTicks(-1), width));
        Assert.Equal(new DateTimeOffset(1969, 12, 31, 23, 55, 0, TimeSpan.Zero),
            SampleRollup.BucketStart(new DateTimeOffset(1969, 12, 31, 23, 59, 0, TimeSpan.Zero), width));
    }

    [Fact]
    public void Raw_samples_become_five_minute_buckets_with_count_min_max_sum_and_the_last_value()
    {
        // Given out of order on purpose: "last" is the latest in time, not in the list.
        Sample[] samples = [Disk(4.5, 30), Disk(0, 10), Disk(2, 50), Disk(5, 7), Disk(1, 20, mount: "/var")];

        var buckets = SampleRollup.FromSamples(samples, SampleResolution.FiveMinutes);

        Assert.Equal(3, buckets.Count);
        var first = buckets[0];
        Assert.Equal(("/", T0, SampleResolution.FiveMinutes), (first.Subject, first.Start, first.Resolution));
        Assert.Equal((3, 10.0, 50.0, 90.0, 30.0, 30.0), (first.Count, first.Min, first.Max, first.Sum, first.Last, first.Mean));
        Assert.Equal((T0.AddMinutes(5), 1, 7.0), (buckets[1].Start, buckets[1].Count, buckets[1].Last));
        Assert.Equal(("/var", 20.0), (buckets[2].Subject, buckets[2].Mean));
    }

    [Fact]
    public void Hourly_buckets_from_five_minute_ones_equal_hourly_buckets_from_the_raw_samples()
    {
        var random = new Random(12);
        var samples = Enumerable.Range(0, 600)
            .Select(i => Disk(i * 0.5 + random.NextDouble() * 0.4, random.Next(0, 1_000_000)))
            .ToList();

        var viaFive = SampleRollup.Merge(SampleRollup.FromSamples(samples, SampleResolution.FiveMinutes), SampleResolution.Hour);
        var direct = SampleRollup.FromSamples(samples, SampleResolution.Hour);

        Assert.Equal(5, direct.Count); // 300 minutes of samples
        Assert.Equal(direct, viaFive);
        Assert.Equal(600, viaFive.Sum(b => b.Count));
    }

    [Fact]
    public void A_coarser_bucket_is_refused_as_input_to_a_finer_one()
    {
        var hour = SampleRollup.FromSamples([Disk(0, 1)], SampleResolution.Hour);

        Assert.Throws<ArgumentException>(() => SampleRollup.Merge(hour, SampleResolution.FiveMinutes));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRollup.Merge(hour, SampleResolution.Raw));
    }

    [Fact]
    public void Growth_is_the_mean_of_the_last_bucket_less_the_first_and_needs_two_buckets()
    {
        var buckets = SampleRollup.FromSamples([Disk(0, 100), Disk(1, 200), Disk(61, 900), Disk(62, 1100)], SampleResolution.Hour);

        Assert.Equal(1000 - 150, SampleRollup.Growth(buckets));
        Assert.Null(SampleRollup.Growth(buckets.Take(1).ToList()));
        Assert.Null(SampleRollup.Growth([]));
    }

    [Fact]
    public void The_finest_resolution_still_kept_is_chosen_by_how_far_back_a_range_starts()
    {
        var now = T0;

        Assert.Equal(SampleResolution.Raw, SampleRetention.FinestFor(now.AddHours(-47), now));
        Assert.Equal(SampleResolution.FiveMinutes, SampleRetention.FinestFor(now.AddHours(-49), now));
        Assert.Equal(SampleResolution.Hour, SampleRetention.FinestFor(now.AddDays(-31), now));
    }
}
