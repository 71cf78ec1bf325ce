using Anna.Core.Statistics;

namespace Anna.Server.Api;

/// <summary>
/// Healing statistics: every count over all <see cref="HistoryEntries"/>; time to heal over the newest
/// <see cref="BasedOnEntries"/> (a median is not a sum the store can keep).
/// </summary>
public sealed record StatsDto(
    int BasedOnEntries,
    long HistoryEntries,
    int Heals,
    int Successes,
    double? SuccessRate,
    int RolledBack,
    double? RollbackRate,
    int Undone,
    double TimeSavedMinutes,
    IReadOnlyList<StatsDayDto> SuccessRateByDay,
    IReadOnlyList<StatsCountDto> CommonIssues,
    IReadOnlyList<StatsCountDto> Outcomes,
    IReadOnlyList<HealDuration> TimeToHeal)
{
    public static StatsDto From(StatisticsRead read)
    {
        var s = read.Statistics;
        return new(read.Loaded, read.Total, s.Heals, s.Successes, s.SuccessRate, s.RolledBack, s.RollbackRate, s.Undone,
            s.TimeSaved.TotalMinutes,
            [.. s.SuccessRateByDay.Select(d => new StatsDayDto(d.Day, d.Attempts, d.Successes, d.Rate))],
            [.. s.CommonIssues.Select(c => new StatsCountDto(c.IssueKind, c.Count))],
            [.. s.Outcomes.Select(o => new StatsCountDto(JsonNames.Snake(o.Outcome), o.Count))],
            s.TimeToHeal);
    }
}

public sealed record StatsDayDto(DateOnly Day, int Attempts, int Successes, double? Rate);

public sealed record StatsCountDto(string Name, int Count);
