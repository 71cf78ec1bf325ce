using Anna.Core.History;
using Anna.Core.Samples;
using Anna.Core.Vocabulary;

namespace Anna.Core.Insights;

/// <summary>
/// Reads what an <see cref="InsightsReport"/> needs from the stores, the one way the API, the CLI (through
/// the API) and the dashboard share: the period's counts (every action and issue occurrence), its newest
/// actions and occurrences (at most <see cref="MaxEntries"/> of each, for root causes) and each mount's used
/// bytes from the sample store.
/// </summary>
public static class InsightsRead
{
    public const int MaxDays = 365;
    public const int MaxEntries = 10_000;

    /// <summary>Log lines are read for at most this many causes, so a report stays a few journalctl calls.</summary>
    public const int MaxCausesWithLog = 5;

    public const int LogLines = 10;

    /// <param name="unitLog">Reads a unit's last log lines (journald); null leaves the causes without them.</param>
    public static async Task<InsightsReport> ReadAsync(
        IHistoryStore history, IIssueLog issues, ISampleStore samples,
        int days, DateTimeOffset now, IReadOnlySet<ActionCategory> autoHeal, double manualFixMinutes,
        CancellationToken cancellationToken, Func<string, CancellationToken, Task<IReadOnlyList<string>>>? unitLog = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var from = now.AddDays(-days);
        // Independent reads (each store takes its own connection): at once, so the report waits for the longest, not the sum.
        var talliesRead = history.TallyAsync(from, now, cancellationToken);
        var occurrencesRead = issues.CountByKindAsync(from, now, cancellationToken);
        var entriesRead = history.NewestToCountAsync(new HistoryFilter { From = from }, MaxEntries, cancellationToken);
        var seenRead = issues.SeenSinceAsync(from, MaxEntries, cancellationToken);
        var growthRead = DiskGrowthAsync(samples, from, now, cancellationToken);
        var memoryRead = samples.RangeAsync(SampleMetric.UnitMemoryBytes, null, from, now, SampleRetention.FinestFor(from, now), cancellationToken);
        await Task.WhenAll(talliesRead, occurrencesRead, entriesRead, seenRead, growthRead, memoryRead).ConfigureAwait(false);
        var (entries, seen, growth) = (await entriesRead.ConfigureAwait(false), await seenRead.ConfigureAwait(false), await growthRead.ConfigureAwait(false));
        var counts = new PeriodCounts(await talliesRead.ConfigureAwait(false), await occurrencesRead.ConfigureAwait(false));
        var report = InsightsReport.Build(from, now, counts, entries, seen, growth, autoHeal, manualFixMinutes);
        // A leak is read from the units' memory samples, beside the causes history and issues alone show.
        if (MemoryClimbs.Find(seen, await memoryRead.ConfigureAwait(false), entries).ToList() is { Count: > 0 } climbs)
            report = report with { RootCauses = [.. report.RootCauses, .. climbs] };
        return unitLog is null ? report : await WithLogLinesAsync(report, unitLog, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The causes about a unit (an OOM kill, the same exit status) carry its last log lines: they usually say why.</summary>
    public static async Task<InsightsReport> WithLogLinesAsync(InsightsReport report, Func<string, CancellationToken, Task<IReadOnlyList<string>>> unitLog,
        CancellationToken cancellationToken)
    {
        var causes = new List<RootCause>(report.RootCauses.Count);
        var read = 0;
        foreach (var cause in report.RootCauses)
        {
            if (cause.Kind is RootCauseKind.OomKill or RootCauseKind.SameExitStatus or RootCauseKind.MemoryClimbs && read++ < MaxCausesWithLog)
                causes.Add(cause with { LogLines = await unitLog(cause.Subject, cancellationToken).ConfigureAwait(false) });
            else
                causes.Add(cause);
        }
        return report with { RootCauses = causes };
    }

    /// <summary>Each mount's first and last used bytes in the period, at the finest resolution still kept for its start.</summary>
    public static async Task<IReadOnlyList<DiskGrowth>> DiskGrowthAsync(ISampleStore samples, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolution = SampleRetention.FinestFor(from, now);
        var buckets = await samples.RangeAsync(SampleMetric.DiskUsedBytes, null, from, now, resolution, cancellationToken).ConfigureAwait(false);
        if (resolution != SampleResolution.Raw && buckets.Count == 0)
        {
            // Not rolled up yet (a young store): the raw samples of the last 48 h are better than nothing.
            buckets = await samples.RangeAsync(SampleMetric.DiskUsedBytes, null, now - SampleRetention.Raw, now, SampleResolution.Raw, cancellationToken).ConfigureAwait(false);
        }
        return buckets.GroupBy(b => b.Subject)
            .Where(g => g.Count() >= 2)
            .Select(g =>
            {
                var ordered = g.OrderBy(b => b.Start).ToList();
                return new DiskGrowth(g.Key, ordered[0].Start, ordered[0].Mean, ordered[^1].Start, ordered[^1].Mean);
            })
            .ToList();
    }
}
