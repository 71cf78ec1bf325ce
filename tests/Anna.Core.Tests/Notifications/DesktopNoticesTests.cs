using Anna.Core.History;
using Anna.Core.Notifications;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Sessions;
using Anna.Core.Vocabulary;

namespace Anna.Core.Tests.Notifications;

public sealed class DesktopNoticesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static readonly HealingSessionRecord Session = new()
    {
        Id = Guid.NewGuid(),
        Trigger = SessionTrigger.Signal,
        StartedAt = T0,
        FinishedAt = T0.AddSeconds(4),
        StateBefore = SystemState.Degraded,
        StateAfter = SystemState.Healthy,
    };

    private static HistoryEntry Entry(long id, string action, string subject, ActionOutcome outcome, string detail = "") => new()
    {
        Id = id,
        IssueKind = action == "restart_service" ? "failed_service" : "package_cache",
        Subject = subject,
        Action = action,
        Category = ActionCategory.ServiceRestart,
        Risk = ActionRisk.Safe,
        Policy = HealingPolicy.Supervised,
        Decision = DecisionKind.Execute,
        Consent = ConsentLevel.Implied,
        Reason = "safe and in auto_heal",
        Outcome = outcome,
        StartedAt = T0,
        Detail = detail,
        SessionId = Session.Id,
    };

    [Fact]
    public void A_session_that_healed_two_issues_reads_as_the_roadmap_shows_it()
    {
        var notice = DesktopNotices.ForSession(7, Session,
            [Entry(11, "restart_service", "nginx.service", ActionOutcome.Success), Entry(12, "clean_package_cache", "/var/cache/apt/archives", ActionOutcome.Success)],
            "normal")!;

        Assert.Equal("Auto-healed 2 issues", notice.Summary);
        Assert.Equal("• Restarted failed service: nginx\n• Cleaned the package cache\nSystem state: DEGRADED → HEALTHY", notice.Body);
        Assert.Equal((7L, "session", "normal", Session.Id), (notice.Id, notice.Kind, notice.Urgency, notice.SessionId));
        Assert.Equal([11L, 12L], notice.Undoable);
        Assert.Null(notice.ApprovalId);
    }

    [Fact]
    public void A_failed_heal_says_so_with_the_first_line_of_why_and_is_not_offered_for_undo()
    {
        var notice = DesktopNotices.ForSession(1, Session with { StateAfter = SystemState.Degraded },
            [Entry(11, "restart_service", "nginx.service", ActionOutcome.Success),
             Entry(12, "restart_service", "app.service", ActionOutcome.Failed, "app.service did not stay active\nexit status 1")],
            "critical")!;

        Assert.Equal("Healed 1 of 2 issues", notice.Summary);
        Assert.Contains("• Could not restart service app.service: app.service did not stay active", notice.Body, StringComparison.Ordinal);
        Assert.EndsWith("System state: DEGRADED → DEGRADED", notice.Body, StringComparison.Ordinal);
        Assert.Equal([11L], notice.Undoable);
    }

    [Fact]
    public void A_session_that_ran_nothing_has_no_notice_and_an_approval_offers_its_request()
    {
        Assert.Null(DesktopNotices.ForSession(1, Session, [], "normal"));

        var request = Guid.NewGuid();
        var notice = DesktopNotices.ForApproval(2, request, Entry(13, "restart_service", "ssh.service", ActionOutcome.AwaitingApproval) with
        {
            Risk = ActionRisk.Medium,
            Reason = "medium risk needs approval",
        }, "Restart ssh.service", "normal");

        Assert.Equal(("approval", "Approval needed: Restart ssh.service", "medium risk — medium risk needs approval", request),
            (notice.Kind, notice.Summary, notice.Body, notice.ApprovalId));
        Assert.Empty(notice.Undoable);
    }
}
