using Anna.Core.Issues;
using Anna.Core.Linux;
using Anna.Core.Samples;

namespace Anna.Core.Insights;

/// <summary>
/// The root cause "its memory climbs until it dies": a unit whose memory (the unit-memory samples)
/// rose to at least <see cref="Growth"/> times its level in the <see cref="Window"/> before a failure,
/// still near its peak when it died, before at least <see cref="MinFailures"/> of its failures. That
/// is a leak: a restart only starts the climb again, and a higher limit only delays it.
/// </summary>
public static class MemoryClimbs
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(6);
    public const double Growth = 2.0;
    public const int MinFailures = 2;
    /// <summary>Fewer samples before a failure say nothing about a climb.</summary>
    public const int MinSamples = 3;

    /// <param name="unitMemory">unit_memory_bytes buckets of the period, any resolution, all units.</param>
    public static IEnumerable<RootCause> Find(IReadOnlyList<IssueRecord> issues, IReadOnlyList<SampleBucket> unitMemory, IReadOnlyList<History.HistoryEntry> history)
    {
        var memory = unitMemory.Where(b => b.Metric == SampleMetric.UnitMemoryBytes).GroupBy(b => b.Subject)
            .ToDictionary(g => g.Key, g => g.OrderBy(b => b.Start).ToList(), StringComparer.Ordinal);
        Dictionary<string, List<long>>? historyIds = null;
        foreach (var unit in issues.Where(i => i.Kind == IssueKind.FailedService).GroupBy(i => i.Subject).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!memory.TryGetValue(unit.Key, out var series))
                continue;
            var climbs = unit.Select(failure => Climb(series, failure.FirstSeen)).Where(c => c is not null).Select(c => c!.Value).ToList();
            if (climbs.Count < MinFailures)
                continue;
            var from = ByteSize.Format((long)climbs.Average(c => c.From));
            var to = ByteSize.Format((long)climbs.Average(c => c.To));
            var failures = unit.Count();
            yield return new RootCause(RootCauseKind.MemoryClimbs, unit.Key,
                $"{unit.Key}'s memory climbed before {climbs.Count} of its {failures} failures, from about {from} to {to} in the hours before each",
                $"A leak: a restart only starts the climb again and a higher MemoryMax= only delays it. Find the leak in {unit.Key}; until then " +
                "let systemd restart it before it runs out (RuntimeMaxSec= in its [Service] section), or cap it with MemoryMax= so that it, not the machine, runs out",
                $"systemctl edit {unit.Key}",
                (historyIds ??= RootCauses.HistoryIdsBySubject(history, IssueKind.FailedService)).GetValueOrDefault(unit.Key) ?? [],
                [.. unit.Select(i => i.Id)]);
        }
    }

    /// <summary>The climb before one failure: its lowest and last level in the window, or null when there was none.</summary>
    private static (double From, double To)? Climb(List<SampleBucket> series, DateTimeOffset failedAt)
    {
        var before = series.Where(b => b.Start <= failedAt && b.Start >= failedAt - Window).ToList();
        if (before.Count < MinSamples)
            return null;
        // From its lowest (just after the last restart, when the window reaches back past it) to the end.
        var first = before.Min(b => b.Min);
        var last = before[^1].Max;
        var peak = before.Max(b => b.Max);
        return first > 0 && last >= Growth * first && last >= 0.9 * peak ? (first, last) : null;
    }
}
