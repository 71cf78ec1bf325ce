using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Issues;

namespace Anna.Core.Tests.Engine;

/// <summary>An open breaker's words on the issue it holds back: how the unit last failed, where to look, how to let Anna try again.</summary>
public sealed class BreakerAdviceTests
{
    private const string Open = "gave up after 3 tries: circuit breaker open for web.service until 10:32 UTC (3 failed heals within 10 min), then one trial heal";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 22, 0, TimeSpan.Zero);

    private static Issue Failed(params (string Key, string Value)[] evidence) =>
        new(IssueKind.FailedService, "web.service", IssueSeverity.Warning, "web.service failed", evidence.ToDictionary(e => e.Key, e => e.Value), At, At);

    private static BreakerCheck SubjectOpen => new(false, BreakerState.Open, BreakerState.Closed, Open);

    [Theory]
    [InlineData("exit-code", "1", false, "it last exited with status 1")]
    [InlineData("signal", "9", false, "it last was killed by signal 9")]
    [InlineData("core-dump", "11", false, "it last dumped core on signal 11")]
    [InlineData("oom-kill", "9", true, "it last was killed by the kernel's OOM killer")]
    [InlineData("timeout", "0", false, "it last timed out")]
    [InlineData("resources", "0", false, "it last failed (resources)")]
    public void A_unit_that_gave_up_says_how_it_last_failed_where_to_look_and_how_to_try_again(string result, string status, bool oom, string how)
    {
        (string, string)[] evidence = oom ? [("result", result), ("exit_status", status), ("oom_killed", "true")] : [("result", result), ("exit_status", status)];

        var advice = BreakerAdvice.Explain(SubjectOpen, Failed(evidence));

        Assert.Equal($"{Open}; {how}; look at: journalctl -u web.service -n 50 --no-pager; once it is fixed: annactl breaker --reset web.service", advice);
    }

    [Fact]
    public void Without_evidence_of_how_it_failed_the_advice_says_only_where_to_look()
    {
        Assert.Equal($"{Open}; look at: journalctl -u web.service -n 50 --no-pager; once it is fixed: annactl breaker --reset web.service",
            BreakerAdvice.Explain(SubjectOpen, Failed()));
    }

    [Fact]
    public void Another_kind_of_issue_points_at_its_failed_heals()
    {
        var disk = new Issue(IssueKind.LowDisk, "/var", IssueSeverity.Warning, "low", new Dictionary<string, string>(), At, At);

        Assert.Equal($"{Open}; look at: annactl history; once it is fixed: annactl breaker --reset /var", BreakerAdvice.Explain(SubjectOpen, disk));
    }

    [Fact]
    public void The_global_breaker_is_reset_without_a_subject_and_an_allowed_check_is_left_as_it_is()
    {
        const string global = "global circuit breaker open until 10:32 UTC (3 failed heals within 10 min), then one trial heal";

        Assert.Equal($"{global}; look at the failed heals: annactl history; to let Anna try now: annactl breaker --reset",
            BreakerAdvice.Explain(new BreakerCheck(false, BreakerState.Closed, BreakerState.Open, global), Failed(("result", "exit-code"), ("exit_status", "1"))));
        Assert.Equal("circuit breaker closed", BreakerAdvice.Explain(new BreakerCheck(true, BreakerState.Closed, BreakerState.Closed, "circuit breaker closed"), Failed()));
    }
}
