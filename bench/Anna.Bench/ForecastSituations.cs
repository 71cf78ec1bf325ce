using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// The situations of issue §1, each a family of processes with drawn parameters. Positives are made
/// to cross after 3 to 16 days of history (the generator checks that they do, held for three samples);
/// negatives are drawn over their length plus 7 days, and kept only when they never cross in that
/// time either (a slow fill is at least 8 days from critical when its series ends).
/// </summary>
internal static class ForecastSituations
{
    private const double Day = 24;
    private static readonly double[] PercentCriticals = [85, 90, 95];
    private static readonly double[] MemoryCriticals = [5, 10];
    private static readonly double[] RestartCriticals = [3, 4, 6, 8, 10, 12];
    private static readonly double[] LimitsMiB = [256, 512, 1024, 2048, 4096];

    public static IReadOnlyList<ForecastSituation> All { get; } =
    [
        new("steady_fill", true, SteadyFill),
        new("fill_after_change", true, FillAfterChange),
        new("cycle_fill", true, CycleFill),
        new("sawtooth_rising", true, SawtoothRising),
        new("memory_leak", true, MemoryLeak),
        new("memory_available_falling", true, MemoryAvailableFalling),
        new("restarts_rising", true, RestartsRising),
        new("slow_fill", false, SlowFill),
        new("cycle_flat", false, CycleFlat),
        new("sawtooth_flat", false, SawtoothFlat),
        new("download_deleted", false, DownloadDeleted),
        new("noise_near_threshold", false, NoiseNearThreshold),
        new("memory_trimmed", false, MemoryTrimmed),
        new("memory_available_cyclic", false, MemoryAvailableCyclic),
        new("restarts_flat", false, RestartsFlat),
        new("quiet", false, Quiet),
    ];

    private static double U(Random r, double min, double max) => min + (max - min) * r.NextDouble();

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static ForecastMetric DiskOrInodes(Random r) => r.Next(2) == 0 ? ForecastMetric.DiskUsedPercent : ForecastMetric.InodeUsedPercent;

    private static double PercentNoise(Random r, ForecastGeneratorSettings s) => U(r, 0.05, 0.4) * s.NoiseScale;

    // A daily cycle on the clock: the generator starts every series at midnight plus an offset, so the
    // phase is drawn instead.
    private static Func<double, double> Cycle(Random r, double amplitude)
    {
        var phase = U(r, 0, 2 * Math.PI);
        var second = U(r, 0, 0.3);
        return h => amplitude * (Math.Sin(2 * Math.PI * h / Day + phase) + second * Math.Sin(4 * Math.PI * h / Day + 2 * phase)) / (1 + second);
    }

    private static double Tooth(double h, double period, double offset) => ((h + offset) % period) / period;

    private static ForecastProcess SteadyFill(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var crossing = U(r, 3, 16) * Day;
        var start = U(r, 10, critical - 15);
        var rate = (critical - start) / crossing;
        return new(DiskOrInodes(r), critical, crossing + 2 * Day, h => start + rate * h, PercentNoise(r, s));
    }

    private static ForecastProcess FillAfterChange(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var crossing = U(r, 5, 16) * Day;
        var fill = U(r, 1.5, 6) * Day;
        var start = U(r, 20, critical - 20);
        var rate = (critical - start) / fill;
        return new(DiskOrInodes(r), critical, crossing + 2 * Day, h => start + rate * Math.Max(0, h - (crossing - fill)), PercentNoise(r, s));
    }

    private static ForecastProcess CycleFill(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var crossing = U(r, 3, 16) * Day;
        var amplitude = U(r, 1, 6) * s.CycleScale;
        var start = U(r, 10, critical - 15 - amplitude);
        var rate = (critical - amplitude - start) / crossing;
        var cycle = Cycle(r, amplitude);
        return new(ForecastMetric.DiskUsedPercent, critical, crossing + 2 * Day, h => start + rate * h + cycle(h), PercentNoise(r, s));
    }

    private static ForecastProcess SawtoothRising(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var crossing = U(r, 4, 16) * Day;
        var tooth = U(r, 5, 15);
        var period = U(r, 4, 72);
        var offset = U(r, 0, period);
        var start = U(r, 20, critical - tooth - 10);
        var rate = (critical - tooth - start) / crossing;
        return new(DiskOrInodes(r), critical, crossing + 2 * Day, h => start + rate * h + tooth * Tooth(h, period, offset), PercentNoise(r, s));
    }

    private static ForecastProcess MemoryLeak(Random r, ForecastGeneratorSettings s)
    {
        var limit = Pick(r, LimitsMiB) * 1024 * 1024;
        var crossing = U(r, 3, 14) * Day;
        var start = U(r, 0.15, 0.5) * limit;
        var saw = U(r, 0, 0.03) * limit;
        var sawPeriod = U(r, 0.5, 4);
        var load = U(r, 0, 0.04) * limit * s.CycleScale;
        var cycle = Cycle(r, load);
        var rate = (limit - saw - load - start) / crossing;
        return new(ForecastMetric.UnitMemoryBytes, limit, crossing + 2 * Day,
            h => start + rate * h + saw * Tooth(h, sawPeriod, 0) + cycle(h), U(r, 0.002, 0.008) * limit * s.NoiseScale, 0, 1.5 * limit);
    }

    private static ForecastProcess MemoryAvailableFalling(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, MemoryCriticals);
        var crossing = U(r, 3, 14) * Day;
        var start = U(r, 40, 80);
        var amplitude = U(r, 2, 10) * s.CycleScale;
        var rate = (start - amplitude - critical) / crossing;
        var cycle = Cycle(r, amplitude);
        return new(ForecastMetric.MemoryAvailablePercent, critical, crossing + 2 * Day, h => start - rate * h + cycle(h), U(r, 0.2, 1) * s.NoiseScale);
    }

    private static ForecastProcess RestartsRising(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, RestartCriticals);
        var reach = U(r, 4, 16) * Day;
        var start = U(r, 0, 0.1) * critical;
        return new(ForecastMetric.UnitRestartsTotal, critical, reach + 3 * Day, h => Math.Min(1.5 * critical, start + (critical - start) * h / reach), 0, 0, double.MaxValue);
    }

    private static double NegativeLength(Random r) => U(r, 4, 16) * Day;

    private static ForecastProcess SlowFill(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var length = NegativeLength(r);
        var remaining = U(r, 8, 45) * Day;
        var amplitude = r.Next(2) == 0 ? 0 : U(r, 1, 5) * s.CycleScale;
        var start = U(r, 10, critical - 20 - amplitude);
        var rate = (critical - amplitude - start) / (length + remaining);
        var cycle = Cycle(r, amplitude);
        return new(DiskOrInodes(r), critical, length, h => start + rate * h + cycle(h), PercentNoise(r, s));
    }

    private static ForecastProcess CycleFlat(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var amplitude = U(r, 2, 8) * s.CycleScale;
        var mean = critical - U(r, 2, 10) - amplitude;
        var cycle = Cycle(r, amplitude);
        return new(DiskOrInodes(r), critical, NegativeLength(r), h => mean + cycle(h), PercentNoise(r, s));
    }

    private static ForecastProcess SawtoothFlat(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var tooth = U(r, 5, 20);
        var period = U(r, 4, 72);
        var offset = U(r, 0, period);
        var floor = critical - U(r, 2, 12) - tooth;
        return new(DiskOrInodes(r), critical, NegativeLength(r), h => floor + tooth * Tooth(h, period, offset), PercentNoise(r, s));
    }

    private static ForecastProcess DownloadDeleted(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, PercentCriticals);
        var length = NegativeLength(r);
        var baseLevel = U(r, 30, critical - 20);
        var downloads = Enumerable.Range(0, 1 + r.Next(2)).Select(_ =>
        {
            var size = U(r, 5, critical - U(r, 1, 6) - baseLevel);
            var at = U(r, 0.3, 0.95) * length;
            var took = U(r, 1.0 / 6, 3);
            var kept = U(r, 1, 48);
            var deleting = U(r, 1.0 / 12, 0.25);
            return (size, at, took, kept, deleting);
        }).ToArray();
        return new(ForecastMetric.DiskUsedPercent, critical, length, h =>
        {
            var level = baseLevel;
            foreach (var (size, at, took, kept, deleting) in downloads)
            {
                var since = h - at;
                level += since < 0 ? 0
                    : since < took ? size * since / took
                    : since < took + kept ? size
                    : since < took + kept + deleting ? size * (1 - (since - took - kept) / deleting)
                    : 0;
            }
            return level;
        }, PercentNoise(r, s));
    }

    private static ForecastProcess NoiseNearThreshold(Random r, ForecastGeneratorSettings s)
    {
        var margin = U(r, 1.5, 5);
        var sigma = U(r, 0.1, 0.5) * s.NoiseScale;
        if (r.Next(3) == 0)
        {
            var critical = Pick(r, MemoryCriticals);
            return new(ForecastMetric.MemoryAvailablePercent, critical, NegativeLength(r), _ => critical + margin, sigma);
        }
        var percent = Pick(r, PercentCriticals);
        return new(DiskOrInodes(r), percent, NegativeLength(r), _ => percent - margin, sigma);
    }

    private static ForecastProcess MemoryTrimmed(Random r, ForecastGeneratorSettings s)
    {
        var limit = Pick(r, LimitsMiB) * 1024 * 1024;
        var floor = U(r, 0.2, 0.5) * limit;
        var peak = U(r, 0.6, 0.9) * limit;
        var period = U(r, 6, 72);
        var offset = U(r, 0, period);
        var trimmed = r.Next(4) != 0;
        var cycle = Cycle(r, U(r, 0, 0.04) * limit * s.CycleScale);
        return new(ForecastMetric.UnitMemoryBytes, limit, NegativeLength(r),
            h => (trimmed ? floor + (peak - floor) * Tooth(h, period, offset) : (floor + peak) / 2) + cycle(h),
            U(r, 0.002, 0.008) * limit * s.NoiseScale, 0, 1.5 * limit);
    }

    private static ForecastProcess MemoryAvailableCyclic(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, MemoryCriticals);
        var amplitude = U(r, 3, 12) * s.CycleScale;
        var mean = critical + U(r, 3, 30) + amplitude;
        var cycle = Cycle(r, amplitude);
        return new(ForecastMetric.MemoryAvailablePercent, critical, NegativeLength(r), h => mean + cycle(h), U(r, 0.2, 1) * s.NoiseScale);
    }

    private static ForecastProcess RestartsFlat(Random r, ForecastGeneratorSettings s)
    {
        var critical = Pick(r, RestartCriticals);
        var rate = U(r, 0, 0.15) * critical;
        var length = NegativeLength(r);
        // Now and then a bad hour: a burst that stays under critical.
        var burstAt = r.Next(3) == 0 ? U(r, 0.2, 0.9) * length : double.NaN;
        var burst = U(r, 0.2, 0.5) * critical;
        return new(ForecastMetric.UnitRestartsTotal, critical, length,
            h => rate + (h >= burstAt && h < burstAt + 1 ? burst : 0), 0, 0, double.MaxValue);
    }

    private static ForecastProcess Quiet(Random r, ForecastGeneratorSettings s)
    {
        var metric = Pick(r, Enum.GetValues<ForecastMetric>());
        var length = NegativeLength(r);
        var cycle = Cycle(r, U(r, 0, 3) * s.CycleScale);
        switch (metric)
        {
            case ForecastMetric.MemoryAvailablePercent:
                var available = U(r, 40, 85);
                return new(metric, Pick(r, MemoryCriticals), length, h => available + cycle(h), U(r, 0.2, 1) * s.NoiseScale);
            case ForecastMetric.UnitMemoryBytes:
                var limit = Pick(r, LimitsMiB) * 1024 * 1024;
                var used = U(r, 0.05, 0.4) * limit;
                return new(metric, limit, length, h => used * (1 + cycle(h) / 100), U(r, 0.002, 0.008) * limit * s.NoiseScale, 0, 1.5 * limit);
            case ForecastMetric.UnitRestartsTotal:
                return new(metric, Pick(r, RestartCriticals), length, _ => 0, 0, 0, double.MaxValue);
            default:
                var level = U(r, 5, 60);
                return new(metric, Pick(r, PercentCriticals), length, h => level + cycle(h), PercentNoise(r, s));
        }
    }
}
