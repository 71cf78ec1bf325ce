using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Packages;
using Anna.Core.Prediction;

namespace Anna.Core.Probes;

/// <summary>
/// Turns the <see cref="ForecastWatch"/>'s confident forecasts that reach critical within a week
/// into issues: "/var full in ~9 h (at Tue 03:10)", "web.service reaches its MemoryMax= 512 MB in ~9 h",
/// "web.service restarts 2.5 times an hour and rising", with the trend it stands on; the machine's memory
/// forecast names the unit without a limit growing into it, when one explains the fall. A warning when the
/// crossing is within <see cref="WarnWithin"/>, information before that. A filesystem forecast to
/// fill carries what Anna could free on it (the package cache, when it lives there), which is what
/// the preventive fix (<see cref="Actions.CleanPackageCacheEarlyAction"/>) works from; nothing here
/// acts by itself. A series no longer measured (a unit that was stopped) raises nothing.
/// </summary>
public sealed class ForecastProbe(ForecastWatch watch, TimeProvider time, IPackageManager? packages = null) : IProbe
{
    /// <summary>Forecasts further out are information for capacity planning, not issues.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    public static readonly TimeSpan WarnWithin = TimeSpan.FromHours(48);

    /// <summary>Evidence of a machine memory forecast: the unit without a limit growing into it (<see cref="LikelyLeak"/>).</summary>
    public const string LeakingUnit = "leaking_unit";

    public string Name => "forecasts";

    public IReadOnlyList<string> Kinds { get; } =
        [IssueKind.PredictedDiskFull, IssueKind.PredictedInodeExhaustion, IssueKind.PredictedMemoryExhaustion, IssueKind.RestartRateRising];

    public TimeSpan? Interval => TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var issues = watch.Reporting(now).Where(s => s.Forecast is { } f && f.Eta - f.At <= Horizon).Select(s => ToIssue(s, now, time.LocalTimeZone)).ToList();
        if (packages is not null && issues.Any(i => i.Kind == IssueKind.PredictedDiskFull))
        {
            var cache = await CacheAsync(packages, cancellationToken);
            for (var i = 0; i < issues.Count; i++)
            {
                if (cache is not null && issues[i].Kind == IssueKind.PredictedDiskFull && SameFileSystem(cache.Directory, issues[i].Subject))
                    issues[i] = WithCache(issues[i], cache);
            }
        }
        return issues;
    }

    /// <summary>The forecast with what a cache cleanup would free on its filesystem.</summary>
    public static Issue WithCache(Issue issue, CacheUsage cache) => issue with
    {
        Evidence = new Dictionary<string, string>(issue.Evidence)
        {
            ["cache_dir"] = cache.Directory,
            ["reclaimable_bytes"] = cache.ReclaimableBytes.ToString(CultureInfo.InvariantCulture),
        },
    };

    // The cache as the package manager measures it; null when there is nothing to free or no tool to ask.
    private static async Task<CacheUsage?> CacheAsync(IPackageManager packages, CancellationToken cancellationToken)
    {
        try
        {
            var usage = await packages.CacheUsageAsync(cancellationToken);
            return usage.ReclaimableBytes > 0 ? usage : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // the forecast stands without a plan; the package cache probe reports why
        }
    }

    private static bool SameFileSystem(string path, string mountPoint) =>
        UnixStat.TryGet(path) is { } a && UnixStat.TryGet(mountPoint) is { } b && a.Device == b.Device;

    public static Issue ToIssue(SeriesForecast series, DateTimeOffset now, TimeZoneInfo zone)
    {
        var forecast = series.Forecast!;
        var eta = new DateTimeOffset(DateTime.SpecifyKind(forecast.Eta, DateTimeKind.Utc));
        var left = eta - now;
        var when = $"~{Span(left)} (at {TimeZoneInfo.ConvertTime(eta, zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture)})";
        var (kind, summary) = series.Metric switch
        {
            ForecastMetric.DiskUsedPercent => (IssueKind.PredictedDiskFull, $"{series.Subject} full in {when}: {Percent(series)}"),
            ForecastMetric.InodeUsedPercent => (IssueKind.PredictedInodeExhaustion, $"{series.Subject} out of inodes in {when}: {Percent(series)}"),
            ForecastMetric.MemoryAvailablePercent => (IssueKind.PredictedMemoryExhaustion, $"memory short in {when}: {Percent(series)}{Growing(series.Leak)}"),
            ForecastMetric.UnitMemoryBytes => (IssueKind.PredictedMemoryExhaustion,
                $"{series.Subject} reaches its MemoryMax= {Bytes(series.Critical)} in {when}: {Bytes(series.LastValue)} now"),
            // The level is the day's mean rate the trend follows; critical is what its busiest hour reaches.
            ForecastMetric.UnitRestartsTotal => (IssueKind.RestartRateRising,
                $"{series.Subject} restarts {Number(forecast.Level)} times an hour and rising: reaches {Number(series.Critical)} an hour in {when}"),
            _ => throw new ArgumentOutOfRangeException(nameof(series), series.Metric, "no issue for this metric"),
        };
        var evidence = new Dictionary<string, string>
        {
            ["eta"] = eta.ToString("O", CultureInfo.InvariantCulture),
            ["confidence"] = forecast.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
            ["slope_per_hour"] = forecast.SlopePerHour.ToString("0.###", CultureInfo.InvariantCulture),
            ["level"] = forecast.Level.ToString("0.##", CultureInfo.InvariantCulture),
            ["value"] = series.LastValue.ToString("0.##", CultureInfo.InvariantCulture),
            ["critical"] = series.Critical.ToString("0.##", CultureInfo.InvariantCulture),
        };
        if (series.Metric == ForecastMetric.UnitMemoryBytes)
            evidence["limit_bytes"] = series.Critical.ToString("0", CultureInfo.InvariantCulture);
        if (series.Leak is { } leak)
        {
            evidence[LeakingUnit] = leak.Unit;
            evidence["leak_bytes_per_hour"] = leak.BytesPerHour.ToString("0", CultureInfo.InvariantCulture);
            evidence["leaking_unit_bytes"] = leak.Bytes.ToString("0", CultureInfo.InvariantCulture);
        }
        var severity = left <= WarnWithin ? IssueSeverity.Warning : IssueSeverity.Info;
        return new Issue(kind, series.Subject, severity, summary, evidence, now, now);
    }

    // The unit a preventive restart would be for: it grows without a limit into the machine's memory.
    private static string Growing(LikelyLeak? leak) =>
        leak is null ? "" : $"; {leak.Unit} ({Bytes(leak.Bytes)}, no MemoryMax=) grows {Bytes(leak.BytesPerHour)} an hour, the likely cause";

    private static string Percent(SeriesForecast series) =>
        $"{series.LastValue.ToString("0.#", CultureInfo.InvariantCulture)} % now, critical at {series.Critical.ToString("0.#", CultureInfo.InvariantCulture)} %";

    private static string Bytes(double bytes) => ByteSize.Format((long)bytes);

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"9 h", "3 days", "40 min": how far off, as a person says it.</summary>
    public static string Span(TimeSpan left) => left.TotalHours switch
    {
        < 1 => $"{Math.Max(0, (int)left.TotalMinutes)} min",
        < 48 => $"{(int)Math.Round(left.TotalHours)} h",
        _ => $"{(int)Math.Round(left.TotalDays)} days",
    };
}
