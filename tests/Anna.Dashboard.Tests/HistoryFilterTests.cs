using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Dashboard.Components.History;

namespace Anna.Dashboard.Tests;

/// <summary>The filter bar's choices, turned into the store's filter, and the filter's rules.</summary>
public sealed class HistoryFilterTests
{
    private static readonly DateTimeOffset Noon = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero).ToLocalTime();

    [Fact]
    public void No_filter_matches_everything()
    {
        Assert.True(HistoryFilter.None.Matches(Entry()));
        Assert.True(HistoryFilterSelection.None.ToStoreFilter(TimeZoneInfo.Local).IsEmpty);
    }

    [Fact]
    public void Each_field_narrows_on_its_own()
    {
        var entry = Entry(kind: IssueKind.LowDisk, subject: "/var", outcome: ActionOutcome.Failed);

        Assert.True(Pick(new() { IssueKind = IssueKind.LowDisk }).Matches(entry));
        Assert.False(Pick(new() { IssueKind = IssueKind.FailedService }).Matches(entry));
        Assert.True(Pick(new() { Action = "restart_service" }).Matches(entry));
        Assert.False(Pick(new() { Action = "undo" }).Matches(entry));
        Assert.True(Pick(new() { Outcome = ActionOutcome.Failed }).Matches(entry));
        Assert.False(Pick(new() { Outcome = ActionOutcome.Success }).Matches(entry));
        Assert.True(Pick(new() { Subject = " VAR " }).Matches(entry));
        Assert.False(Pick(new() { Subject = "nginx" }).Matches(entry));
    }

    [Fact]
    public void The_date_range_includes_both_ends_whole_days()
    {
        var entry = Entry();
        var day = Noon.Date;

        Assert.True(Pick(new() { From = day, To = day }).Matches(entry));
        Assert.True(Pick(new() { From = day.AddDays(-3) }).Matches(entry));
        Assert.True(Pick(new() { To = day.AddDays(3) }).Matches(entry));
        Assert.False(Pick(new() { From = day.AddDays(1) }).Matches(entry));
        Assert.False(Pick(new() { To = day.AddDays(-1) }).Matches(entry));
    }

    [Fact]
    public void Days_are_the_host_zones_days_from_midnight_to_midnight()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+5", TimeSpan.FromHours(5), "UTC+5", "UTC+5");

        var filter = new HistoryFilterSelection { From = new DateTime(2026, 3, 10), To = new DateTime(2026, 3, 10) }.ToStoreFilter(zone);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 19, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero), filter.Until);
        Assert.True(filter.Matches(Entry() with { StartedAt = new DateTimeOffset(2026, 3, 9, 19, 0, 0, TimeSpan.Zero) }));
        Assert.False(filter.Matches(Entry() with { StartedAt = new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero) }));
    }

    [Fact]
    public void Subject_case_folds_ascii_only_as_sqlite_like_does()
    {
        Assert.True(new HistoryFilter { Subject = "NGINX" }.Matches(Entry(subject: "nginx.service")));
        Assert.False(new HistoryFilter { Subject = "Ä" }.Matches(Entry(subject: "ä.service")));
    }

    private static HistoryFilter Pick(HistoryFilterSelection selection) => selection.ToStoreFilter(TimeZoneInfo.Local);

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
