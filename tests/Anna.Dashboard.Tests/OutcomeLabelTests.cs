using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Dashboard.Components;

namespace Anna.Dashboard.Tests;

/// <summary>The words and colours of outcomes and of "what happens next".</summary>
public sealed class OutcomeLabelTests
{
    [Fact]
    public void In_progress_and_rolled_back_have_their_own_words_and_colours()
    {
        Assert.Equal("in progress", ActionOutcome.InProgress.Text());
        Assert.Equal("rolled back", ActionOutcome.RolledBack.Text());
        Assert.Equal("rolled_back", ActionOutcome.RolledBack.Name());
        // Not the catch-all colour of suggestions and dry runs, and not each other's or failure's.
        var colours = new[] { ActionOutcome.InProgress, ActionOutcome.RolledBack, ActionOutcome.Failed, ActionOutcome.Suggested }
            .Select(o => o.Color()).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
    }

    [Fact]
    public void Next_step_names_each_decision_and_the_window_opening_in_the_hosts_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var opening = new DateTimeOffset(2026, 3, 21, 20, 0, 0, TimeSpan.Zero); // a Saturday, 22:00 in the zone

        Assert.Equal(("auto", "heals automatically"), Pair(NextStep.For(new Decision(DecisionKind.Execute, "", ConsentLevel.Implied), zone)));
        Assert.Equal(("approval", "needs approval"), Pair(NextStep.For(new Decision(DecisionKind.NeedsApproval, "", ConsentLevel.None), zone)));
        Assert.Equal(("window", "waits for the maintenance window: Sat 2026-03-21 22:00"),
            Pair(NextStep.For(new Decision(DecisionKind.Defer, "outside the window", ConsentLevel.None, opening), zone)));
        Assert.Equal("later", NextStep.For(new Decision(DecisionKind.Defer, "budget", ConsentLevel.None), zone).Name);
        Assert.Equal("suggest", NextStep.For(new Decision(DecisionKind.Suggest, "", ConsentLevel.None), zone).Name);
    }

    private static (string, string) Pair(NextStep step) => (step.Name, step.Text);
}
