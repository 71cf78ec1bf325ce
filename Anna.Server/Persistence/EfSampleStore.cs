using System.Collections.Concurrent;
using Anna.Core.Samples;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// <see cref="ISampleStore"/> on SQLite: raw samples in <c>samples</c>, 5-minute and hourly buckets
/// in <c>sample_buckets</c>, each referring to its <c>sample_series</c> row. Only the sample writer
/// calls the writing methods, one at a time, so a rollup pass never races another.
/// </summary>
public sealed class EfSampleStore(IDbContextFactory<AnnaDbContext> contexts, TimeProvider time) : ISampleStore
{
    private readonly ConcurrentDictionary<(string Metric, string Subject), long> _seriesIds = new();

    public async Task<int> WriteAsync(IReadOnlyList<Sample> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return 0;
        try
        {
            return await WriteBatchAsync(batch, cancellationToken);
        }
        catch
        {
            // A series created in a transaction that did not commit must not stay in the cache.
            _seriesIds.Clear();
            throw;
        }
    }

    private async Task<int> WriteBatchAsync(IReadOnlyList<Sample> batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await SeriesIdsAsync(db, batch.Select(s => (s.Metric, s.Subject)).Distinct().ToList(), cancellationToken);
        var rows = batch
            .Where(s => ids.ContainsKey((s.Metric, s.Subject)))
            .Select(s => new SampleRow { SeriesId = ids[(s.Metric, s.Subject)], At = s.At, Value = s.Value })
            .ToList();
        db.Samples.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>The ids of these series, creating the missing ones while fewer than <see cref="SampleRetention.MaxSeries"/> exist.</summary>
    private async Task<Dictionary<(string Metric, string Subject), long>> SeriesIdsAsync(
        AnnaDbContext db, List<(string Metric, string Subject)> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), long>();
        var missing = new List<(string Metric, string Subject)>();
        foreach (var key in keys)
        {
            if (_seriesIds.TryGetValue(key, out var id))
                found[key] = id;
            else
                missing.Add(key);
        }
        if (missing.Count == 0)
            return found;
        var metrics = missing.Select(m => m.Metric).Distinct().ToList();
        var existing = await db.SampleSeries.AsNoTracking().Where(s => metrics.Contains(s.Metric)).ToListAsync(cancellationToken);
        var count = await db.SampleSeries.CountAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var key in missing)
        {
            var row = existing.FirstOrDefault(s => s.Metric == key.Metric && s.Subject == key.Subject);
            if (row is null)
            {
                if (count >= SampleRetention.MaxSeries)
                    continue; // the size bound: a new series beyond the cap is not stored
                row = new SampleSeriesRow { Metric = key.Metric, Subject = key.Subject, CreatedAt = now };
                db.SampleSeries.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(row).State = EntityState.Detached;
                count++;
            }
            _seriesIds[key] = row.Id;
            found[key] = row.Id;
        }
        return found;
    }

    public async Task<SampleMaintenance> RollUpAndPruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var series = await db.SampleSeries.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var fiveMinutes = SampleRetention.Width(SampleResolution.FiveMinutes);
        var hour = SampleRetention.Width(SampleResolution.Hour);

        // Only buckets that ended a while ago: samples still in the queue belong in them.
        var fiveCutoff = SampleRollup.BucketStart(now - SampleRetention.RollupDelay, fiveMinutes);
        var fiveFrom = await NextBucketAsync(db, SampleResolution.FiveMinutes, cancellationToken)
            ?? await db.Samples.OrderBy(s => s.At).Select(s => (DateTimeOffset?)s.At).FirstOrDefaultAsync(cancellationToken);
        var five = 0;
        if (fiveFrom is { } fromRaw && SampleRollup.BucketStart(fromRaw, fiveMinutes) is var start && start < fiveCutoff)
        {
            var raw = await db.Samples.AsNoTracking().Where(s => s.At >= start && s.At < fiveCutoff).ToListAsync(cancellationToken);
            five = await ReplaceBucketsAsync(db, SampleResolution.FiveMinutes, start, fiveCutoff,
                SampleRollup.FromSamples(raw.Where(r => series.ContainsKey(r.SeriesId)).Select(r => ToSample(series[r.SeriesId], r)), SampleResolution.FiveMinutes),
                series, cancellationToken);
        }

        // An hour is rolled up once all twelve of its 5-minute buckets are.
        var hourCutoff = SampleRollup.BucketStart(fiveCutoff, hour);
        var hourFrom = await NextBucketAsync(db, SampleResolution.Hour, cancellationToken)
            ?? await db.SampleBuckets.Where(b => b.WidthSeconds == WidthSeconds(SampleResolution.FiveMinutes))
                .OrderBy(b => b.Start).Select(b => (DateTimeOffset?)b.Start).FirstOrDefaultAsync(cancellationToken);
        var hours = 0;
        if (hourFrom is { } fromFive && SampleRollup.BucketStart(fromFive, hour) is var hourStart && hourStart < hourCutoff)
        {
            var width = WidthSeconds(SampleResolution.FiveMinutes);
            var finer = await db.SampleBuckets.AsNoTracking()
                .Where(b => b.WidthSeconds == width && b.Start >= hourStart && b.Start < hourCutoff).ToListAsync(cancellationToken);
            hours = await ReplaceBucketsAsync(db, SampleResolution.Hour, hourStart, hourCutoff,
                SampleRollup.Merge(finer.Where(b => series.ContainsKey(b.SeriesId)).Select(b => ToBucket(series[b.SeriesId], SampleResolution.FiveMinutes, b)), SampleResolution.Hour),
                series, cancellationToken);
        }

        var rawBefore = now - SampleRetention.Raw;
        var prunedRaw = await db.Samples.Where(s => s.At < rawBefore).ExecuteDeleteAsync(cancellationToken);
        var prunedFive = await PruneBucketsAsync(db, SampleResolution.FiveMinutes, now, cancellationToken);
        var prunedHours = await PruneBucketsAsync(db, SampleResolution.Hour, now, cancellationToken);
        // A series with nothing left (a unit that failed once, long ago) frees its place under the cap.
        var prunedSeries = await db.SampleSeries
            .Where(s => !db.Samples.Any(x => x.SeriesId == s.Id) && !db.SampleBuckets.Any(b => b.SeriesId == s.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (prunedSeries > 0)
            _seriesIds.Clear();
        return new SampleMaintenance(five, hours, prunedRaw, prunedFive, prunedHours, prunedSeries);
    }

    public async Task<IReadOnlyList<SampleBucket>> RangeAsync(string metric, string? subject, DateTimeOffset from, DateTimeOffset until,
        SampleResolution resolution, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seriesQuery = db.SampleSeries.AsNoTracking().Where(s => s.Metric == metric);
        if (subject is not null)
            seriesQuery = seriesQuery.Where(s => s.Subject == subject);
        var series = await seriesQuery.ToDictionaryAsync(s => s.Id, cancellationToken);
        if (series.Count == 0)
            return [];
        var ids = series.Keys.ToList();
        if (resolution == SampleResolution.Raw)
        {
            var raw = await db.Samples.AsNoTracking()
                .Where(s => ids.Contains(s.SeriesId) && s.At >= from && s.At < until)
                .OrderBy(s => s.At).ThenBy(s => s.Id)
                .ToListAsync(cancellationToken);
            return raw.ConvertAll(r => SampleBucket.Of(ToSample(series[r.SeriesId], r)));
        }
        var width = WidthSeconds(resolution);
        var rows = await db.SampleBuckets.AsNoTracking()
            .Where(b => b.WidthSeconds == width && ids.Contains(b.SeriesId) && b.Start >= from && b.Start < until)
            .OrderBy(b => b.Start)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(b => ToBucket(series[b.SeriesId], resolution, b));
    }

    private static async Task<DateTimeOffset?> NextBucketAsync(AnnaDbContext db, SampleResolution resolution, CancellationToken cancellationToken)
    {
        var width = WidthSeconds(resolution);
        var newest = await db.SampleBuckets.Where(b => b.WidthSeconds == width)
            .OrderByDescending(b => b.Start).Select(b => (DateTimeOffset?)b.Start).FirstOrDefaultAsync(cancellationToken);
        return newest + SampleRetention.Width(resolution);
    }

    /// <summary>Replaces every bucket of this width in [from, until) by <paramref name="buckets"/>; returns how many were written.</summary>
    private static async Task<int> ReplaceBucketsAsync(AnnaDbContext db, SampleResolution resolution, DateTimeOffset from, DateTimeOffset until,
        IReadOnlyList<SampleBucket> buckets, Dictionary<long, SampleSeriesRow> series, CancellationToken cancellationToken)
    {
        var width = WidthSeconds(resolution);
        await db.SampleBuckets.Where(b => b.WidthSeconds == width && b.Start >= from && b.Start < until).ExecuteDeleteAsync(cancellationToken);
        var ids = series.Values.ToDictionary(s => (s.Metric, s.Subject), s => s.Id);
        db.SampleBuckets.AddRange(buckets.Select(b => new SampleBucketRow
        {
            WidthSeconds = width,
            SeriesId = ids[(b.Metric, b.Subject)],
            Start = b.Start,
            Count = b.Count,
            Min = b.Min,
            Max = b.Max,
            Sum = b.Sum,
            Last = b.Last,
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return buckets.Count;
    }

    private static Task<int> PruneBucketsAsync(AnnaDbContext db, SampleResolution resolution, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var width = WidthSeconds(resolution);
        var before = now - SampleRetention.KeptFor(resolution);
        return db.SampleBuckets.Where(b => b.WidthSeconds == width && b.Start < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static int WidthSeconds(SampleResolution resolution) => (int)SampleRetention.Width(resolution).TotalSeconds;

    private static Sample ToSample(SampleSeriesRow series, SampleRow row) => new(series.Metric, series.Subject, row.At, row.Value);

    private static SampleBucket ToBucket(SampleSeriesRow series, SampleResolution resolution, SampleBucketRow row) =>
        new(series.Metric, series.Subject, resolution, row.Start, row.Count, row.Min, row.Max, row.Sum, row.Last);
}
