using Anna.Core.Breaker;
using Anna.Core.Insights;
using Anna.Core.Issues;

namespace Anna.Core.Engine;

/// <summary>
/// What an open circuit breaker means for the issue it holds back, in a person's words: the breaker's own
/// reason (Anna gave up, until when), how the subject last failed when its evidence says so, where to look,
/// and how to let Anna try again once it is fixed. More restarts do not cure a crash loop; a person does.
/// </summary>
public static class BreakerAdvice
{
    public static string Explain(BreakerCheck check, Issue issue)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(issue);
        if (check.Allowed)
            return check.Reason;
        if (check.SubjectState != BreakerState.Open)
            return $"{check.Reason}; look at the failed heals: annactl history; to let Anna try now: annactl breaker --reset";
        var last = LastFailure(issue) is { } how ? $"; it last {how}" : "";
        var look = issue.Kind == IssueKind.FailedService ? RootCauses.UnitLogCommand(issue.Subject) : "annactl history";
        return $"{check.Reason}{last}; look at: {look}; once it is fixed: annactl breaker --reset {issue.Subject}";
    }

    /// <summary>How a failed unit last ended, from its issue's evidence (systemd's Result= and ExecMainStatus=); null when it does not say.</summary>
    public static string? LastFailure(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (issue.Kind != IssueKind.FailedService)
            return null;
        var evidence = issue.Evidence;
        if (evidence.GetValueOrDefault("oom_killed") == "true")
            return "was killed by the kernel's OOM killer";
        var status = evidence.GetValueOrDefault("exit_status");
        return evidence.GetValueOrDefault("result") switch
        {
            "exit-code" when status is not null => $"exited with status {status}",
            "signal" when status is not null => $"was killed by signal {status}",
            "core-dump" when status is not null => $"dumped core on signal {status}",
            "timeout" => "timed out",
            "watchdog" => "missed its watchdog",
            "start-limit-hit" => "hit its start limit",
            { Length: > 0 } result and not "success" => $"failed ({result})",
            _ => null,
        };
    }
}
