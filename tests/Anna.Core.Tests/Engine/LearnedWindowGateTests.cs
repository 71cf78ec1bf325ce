using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Engine;

/// <summary>
/// A learned window, once applied, is enforced by the engine's own maintenance-window gate: a fix
/// that can wait is deferred in a learned busy hour and runs in a learned quiet one, while an urgent
/// fix is not held back.
/// </summary>
public sealed class LearnedWindowGateTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static ScheduleOptions OfficeWindow()
    {
        var hours = new List<ActivityHour>();
        for (var i = 0; i < 28 * 24; i++)
        {
            var start = Monday.AddHours(i);
            var office = start.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && start.Hour is >= 9 and < 17;
            hours.Add(new ActivityHour(start.DayOfWeek, start.Hour, start) { Sessions = office ? 3 : 0, CpuBusyPercent = office ? 55 : 4 });
        }
        return LearnedWindowLearner.Propose(hours).Schedule!;
    }

    [Fact]
    public void Healing_that_can_wait_never_starts_in_a_learned_busy_hour()
    {
        var tuesdayTen = Monday.AddDays(29).AddHours(10);
        var time = new FakeTimeProvider(tuesdayTen);
        var options = new HealingOptions { Policy = HealingPolicy.Autonomous, Schedule = OfficeWindow() };
        var rig = new EngineRig(new TestHealingConfig(options), [], time);
        var decisions = rig.Services.GetRequiredService<DecisionMaker>();
        var action = new CountingAction(ActionResult.Ok("done"));
        Issue Issue(string kind, IssueSeverity severity) => new(kind, "/var", severity, "low on space", new Dictionary<string, string>(), time.GetUtcNow(), time.GetUtcNow());

        var busy = decisions.Decide(Issue(IssueKind.LowDisk, IssueSeverity.Warning), action, null);
        Assert.Equal(DecisionKind.Defer, busy.Kind);
        Assert.Contains("outside maintenance window, next window Tue 17:00", busy.Reason, StringComparison.Ordinal);
        // Hurting now beats the window, learned or not.
        Assert.Equal(DecisionKind.Execute, decisions.Decide(Issue(IssueKind.LowDisk, IssueSeverity.Critical), action, null).Kind);

        time.SetUtcNow(tuesdayTen.AddHours(10)); // Tue 20:00, quiet every week
        Assert.Equal(DecisionKind.Execute, decisions.Decide(Issue(IssueKind.LowDisk, IssueSeverity.Warning), action, null).Kind);
    }
}
