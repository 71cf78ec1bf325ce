using Anna.Core.Insights;

namespace Anna.Server.Api;

/// <summary>
/// The insights of the last <see cref="Days"/> days; <see cref="TimeSavedAssumption"/> says what time saved rests on.
/// The counts are over all <see cref="ActionsInPeriod"/>; root causes and history ids over the newest <see cref="ActionsRead"/>.
/// </summary>
public sealed record InsightsDto(
    int Days,
    DateTimeOffset From,
    DateTimeOffset Until,
    int Attempts,
    int Successes,
    double? SuccessRate,
    string SuccessLine,
    int AutomaticSuccesses,
    double ManualFixMinutes,
    double TimeSavedMinutes,
    string TimeSavedAssumption,
    IReadOnlyList<InsightsIssueDto> CommonIssues,
    IReadOnlyList<RootCauseDto> RootCauses,
    int ActionsRead,
    long ActionsInPeriod)
{
    public static InsightsDto Of(InsightsReport report, int days, ManualFixAssumption assumption) => new(
        days, report.From, report.Until, report.Attempts, report.Successes, report.SuccessRate, report.SuccessLine,
        report.AutomaticSuccesses, report.ManualFixMinutes, report.TimeSavedMinutes,
        assumption.Describe(),
        [.. report.CommonIssues.Select(k => new InsightsIssueDto(k.IssueKind, k.Occurrences, k.Attempts, k.Successes, k.Rate, k.AverageDurationMs, k.HistoryIds))],
        [.. report.RootCauses.Select(c => new RootCauseDto(c.Kind, c.Subject, c.Finding, c.Recommendation, c.Command, c.HistoryIds, c.IssueIds, c.LogLines))],
        report.ActionsRead, report.ActionsInPeriod);
}
