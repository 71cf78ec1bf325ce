using Anna.Core.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Server.Tests.Persistence;

/// <summary>The sample store on a real SQLite file: writing, rolling up, pruning and reading a range.</summary>
public sealed class EfSampleStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Sample Disk(DateTimeOffset at, double value, string mount = "/") => new(SampleMetric.DiskUsedBytes, mount, at, value);

    private static ISampleStore Samples(TempStore temp) => temp.Services.GetRequiredService<ISampleStore>();

    [Fact]
    public async Task Written_samples_are_read_back_by_range_series_and_metric()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = Samples(temp);
        Sample[] batch =
        [
            Disk(T0, 100), Disk(T0.AddMinutes(1), 110), Disk(T0.AddMinutes(2), 120),
            Disk(T0.AddMinutes(1), 5, mount: "/var"),
            new(SampleMetric.MemoryAvailableBytes, "memory", T0.AddMinutes(1), 4e9),
        ];

        Assert.Equal(5, await store.WriteAsync(batch, None));

        var root = await store.RangeAsync(SampleMetric.DiskUsedBytes, "/", T0.AddMinutes(1), T0.AddMinutes(3), SampleResolution.Raw, None);
        Assert.Equal([110.0, 120.0], root.Select(b => b.Last));
        var everyMount = await store.RangeAsync(SampleMetric.DiskUsedBytes, null, T0, T0.AddHours(1), SampleResolution.Raw, None);
        Assert.Equal(["/", "/", "/", "/var"], everyMount.Select(b => b.Subject).Order());
        Assert.Empty(await store.RangeAsync(SampleMetric.UnitRestarts, null, T0, T0.AddHours(1), SampleResolution.Raw, None));
    }

    [Fact]
    public async Task Rollups_cover_closed_buckets_only_and_a_second_pass_does_not_count_twice()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = Samples(temp);
        // Two hours and ten minutes of one sample a minute: 1, 2, 3, …
        await store.WriteAsync([.. Enumerable.Range(0, 130).Select(i => Disk(T0.AddMinutes(i), i + 1))], None);
        var now = T0.AddMinutes(130);

        var done = await store.RollUpAndPruneAsync(now, None);
        var again = await store.RollUpAndPruneAsync(now, None);

        // now − 1 min = 02:09: buckets up to 02:05 are closed (25 of them); hours 00:00 and 01:00.
        Assert.Equal((25, 2), (done.FiveMinuteBuckets, done.HourBuckets));
        Assert.Equal((0, 0), (again.FiveMinuteBuckets, again.HourBuckets));
        var five = await store.RangeAsync(SampleMetric.DiskUsedBytes, "/", T0, now, SampleResolution.FiveMinutes, None);
        Assert.Equal(25, five.Count);
        Assert.Equal((5, 1.0, 5.0, 15.0, 5.0), (five[0].Count, five[0].Min, five[0].Max, five[0].Sum, five[0].Last));
        var hours = await store.RangeAsync(SampleMetric.DiskUsedBytes, "/", T0, now, SampleResolution.Hour, None);
        Assert.Equal([T0, T0.AddHours(1)], hours.Select(h => h.Start));
        Assert.Equal((60, 30.5, 120.0), (hours[0].Count, hours[0].Mean, hours[1].Max));

        // The next pass takes up where the last one ended.
        await store.WriteAsync([Disk(T0.AddMinutes(131), 500)], None);
        var later = await store.RollUpAndPruneAsync(T0.AddMinutes(140), None);
        Assert.Equal(2, later.FiveMinuteBuckets); // 02:05 and 02:10 (holding the new sample)
        var tail = await store.RangeAsync(SampleMetric.DiskUsedBytes, "/", T0.AddMinutes(125), T0.AddMinutes(140), SampleResolution.FiveMinutes, None);
        Assert.Equal([130.0, 500.0], tail.Select(b => b.Max));
    }

    [Fact]
    public async Task Each_resolution_is_pruned_after_its_retention_and_an_empty_series_goes_with_it()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = Samples(temp);
        await store.WriteAsync([Disk(T0, 1), Disk(T0.AddMinutes(1), 2), Disk(T0.AddMinutes(1), 9, mount: "/old")], None);
        await store.RollUpAndPruneAsync(T0.AddHours(2), None);

        var afterRaw = await store.RollUpAndPruneAsync(T0 + SampleRetention.Raw + TimeSpan.FromMinutes(2), None);
        Assert.Equal(3, afterRaw.PrunedRaw);
        Assert.Empty(await store.RangeAsync(SampleMetric.DiskUsedBytes, null, T0, T0.AddDays(1), SampleResolution.Raw, None));
        Assert.Equal(2, (await store.RangeAsync(SampleMetric.DiskUsedBytes, null, T0, T0.AddDays(1), SampleResolution.FiveMinutes, None)).Count);

        var afterFive = await store.RollUpAndPruneAsync(T0 + SampleRetention.FiveMinutes + TimeSpan.FromMinutes(6), None);
        Assert.Equal(2, afterFive.PrunedFiveMinutes);
        Assert.Equal(2, (await store.RangeAsync(SampleMetric.DiskUsedBytes, null, T0, T0.AddDays(1), SampleResolution.Hour, None)).Count);

        var afterHour = await store.RollUpAndPruneAsync(T0 + SampleRetention.Hour + TimeSpan.FromHours(1), None);
        Assert.Equal((2, 2), (afterHour.PrunedHours, afterHour.PrunedSeries));
        // The store takes the same series again after it was pruned.
        Assert.Equal(1, await store.WriteAsync([Disk(T0 + SampleRetention.Hour, 3, mount: "/old")], None));
    }

    [Fact]
    public async Task A_new_series_beyond_the_cap_is_not_stored_but_known_ones_still_are()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = Samples(temp);
        var full = Enumerable.Range(0, SampleRetention.MaxSeries).Select(i => Disk(T0, i, mount: $"/m{i}")).ToList();
        Assert.Equal(SampleRetention.MaxSeries, await store.WriteAsync(full, None));

        var kept = await store.WriteAsync([Disk(T0.AddMinutes(1), 1, mount: "/one-too-many"), Disk(T0.AddMinutes(1), 2, mount: "/m0")], None);

        Assert.Equal(1, kept);
        Assert.Empty(await store.RangeAsync(SampleMetric.DiskUsedBytes, "/one-too-many", T0, T0.AddDays(1), SampleResolution.Raw, None));
    }

    [Fact]
    public async Task The_writer_stores_queued_samples_in_batches_and_skips_denser_than_the_raw_spacing()
    {
        var clock = new FakeTimeProvider(T0);
        await using var temp = await TempStore.CreateAsync(services => services.AddSingleton<TimeProvider>(clock));
        var queue = new SampleQueue();
        var writer = new SampleWriter(queue, Samples(temp), clock, NullLogger<SampleWriter>.Instance);
        foreach (var second in new[] { 0, 10, 29, 30, 45, 61 })
            queue.TryAdd(Disk(T0.AddSeconds(second), second));

        await writer.DrainAsync(None);

        var stored = await Samples(temp).RangeAsync(SampleMetric.DiskUsedBytes, "/", T0, T0.AddHours(1), SampleResolution.Raw, None);
        Assert.Equal([0.0, 30.0, 61.0], stored.Select(s => s.Last));
        Assert.Equal(3, writer.Skipped);
    }

    [Fact]
    public async Task A_series_at_its_worst_case_stays_within_the_documented_bytes_per_series()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = Samples(temp);
        var empty = UsedBytes(temp);
        var now = T0.AddDays(365);
        // The most a series can hold: raw every 30 s for 48 h; then the rollups as a year of passes would leave them.
        var raw = Enumerable.Range(0, (int)(SampleRetention.Raw / SampleRetention.MinRawSpacing))
            .Select(i => Disk(now - SampleRetention.Raw + i * SampleRetention.MinRawSpacing, 1e12 + i)).ToList();
        for (var i = 0; i < raw.Count; i += 1000)
            await store.WriteAsync(raw.Skip(i).Take(1000).ToList(), None);
        using (var connection = temp.OpenRaw())
        {
            var seriesId = 1;
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 8639)
                INSERT INTO sample_buckets (width_seconds, series_id, start, count, min, max, sum, last)
                SELECT 300, $series, $start + i * 300000, 10, 1e12, 1e12 + 1, 1e13, 1e12 FROM n;
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 8759)
                INSERT INTO sample_buckets (width_seconds, series_id, start, count, min, max, sum, last)
                SELECT 3600, $series, $hourStart + i * 3600000, 120, 1e12, 1e12 + 1, 1.2e14, 1e12 FROM n;
                """;
            insert.Parameters.AddWithValue("$series", seriesId);
            insert.Parameters.AddWithValue("$start", (now - SampleRetention.FiveMinutes).ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$hourStart", (now - SampleRetention.Hour).ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        var bytes = UsedBytes(temp) - empty;

        Assert.InRange(bytes, 500_000, SampleRetention.MaxBytesPerSeries);
    }

    /// <summary>The pages in use (WAL included), times the page size: what the rows and their indexes take.</summary>
    private static long UsedBytes(TempStore temp)
    {
        using var connection = temp.OpenRaw();
        using var size = connection.CreateCommand();
        size.CommandText = "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())";
        using var reader = size.ExecuteReader();
        reader.Read();
        var bytes = reader.GetInt64(0) * reader.GetInt64(1);
        return bytes;
    }
}
