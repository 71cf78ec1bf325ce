using Anna.Core.Actions;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Dashboard.Components.History;

namespace Anna.Dashboard.Tests;

public sealed class HistoryFilterTests
{
    private static readonly DateTimeOffset Noon = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero).ToLocalTime();

    [Fact]
    public void No_filter_matches_everything() =>
        Assert.True(HistoryFilter.None.Matches(Entry()));

    [Fact]
    public void Each_field_narrows_on_its_own()
    {
        var entry = Entry(kind: IssueKind.LowDisk, subject: "/var", outcome: ActionOutcome.Failed);

        Assert.True(new HistoryFilter { IssueKind = IssueKind.LowDisk }.Matches(entry));
        Assert.False(new HistoryFilter { IssueKind = IssueKind.FailedService }.Matches(entry));
        Assert.True(new HistoryFilter { Outcome = ActionOutcome.Failed }.Matches(entry));
        Assert.False(new HistoryFilter { Outcome = ActionOutcome.Success }.Matches(entry));
        Assert.True(new HistoryFilter { Subject = " VAR " }.Matches(entry));
        Assert.False(new HistoryFilter { Subject = "nginx" }.Matches(entry));
    }

    [Fact]
    public void The_date_range_includes_both_ends_whole_days()
    {
        var entry = Entry();
        var day = Noon.Date;

        Assert.True(new HistoryFilter { From = day, To = day }.Matches(entry));
        Assert.True(new HistoryFilter { From = day.AddDays(-3) }.Matches(entry));
        Assert.True(new HistoryFilter { To = day.AddDays(3) }.Matches(entry));
        Assert.False(new HistoryFilter { From = day.AddDays(1) }.Matches(entry));
        Assert.False(new HistoryFilter { To = day.AddDays(-1) }.Matches(entry));
    }

    private static HistoryEntry Entry(string kind = IssueKind.FailedService, string subject = "nginx.service",
        ActionOutcome outcome = ActionOutcome.Success) => new()
    {
        IssueKind = kind,
        Subject = subject,
        Action = "restart_service",
        Category = ActionCategory.ServiceRestart,
        Risk = ActionRisk.Safe,
        Policy = HealingPolicy.Autonomous,
        Decision = DecisionKind.Execute,
        Consent = ConsentLevel.Implied,
        Reason = "autonomous: service_restart is allowed",
        Outcome = outcome,
        StartedAt = Noon,
    };
}
