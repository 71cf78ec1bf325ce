using Anna.Core.Linux.Systemd;
using Anna.Core.Probes;

namespace Anna.Core.Tests.Probes;

/// <summary>What a failed_service issue keeps so that a recurring failure can later be explained.</summary>
public sealed class FailedServiceEvidenceTests
{
    private static UnitStatus Failed(string result, int status, ulong? memoryMax) =>
        new(UnitName.Parse("web.service"), "loaded", "failed", "failed", result, 0, 3, "no", "web")
        {
            ExecMainStatus = status,
            MemoryMax = memoryMax,
        };

    [Fact]
    public void An_oom_kill_is_recorded_with_the_memory_limit_it_hit()
    {
        var issue = FailedServicesProbe.ToIssue(Failed("oom-kill", 9, 512UL * 1024 * 1024), DateTimeOffset.UnixEpoch);

        Assert.Equal("true", issue.Evidence["oom_killed"]);
        Assert.Equal("536870912", issue.Evidence["memory_max_bytes"]);
        Assert.Equal("9", issue.Evidence["exit_status"]);
    }

    [Fact]
    public void An_exit_with_a_status_records_the_status_and_no_oom_kill_nor_limit_when_unlimited()
    {
        var issue = FailedServicesProbe.ToIssue(Failed("exit-code", 3, null), DateTimeOffset.UnixEpoch);

        Assert.Equal("3", issue.Evidence["exit_status"]);
        Assert.False(issue.Evidence.ContainsKey("oom_killed"));
        Assert.False(issue.Evidence.ContainsKey("memory_max_bytes"));
    }
}
