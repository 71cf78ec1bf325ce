using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>The journal vacuum's dry run against this machine's real journalctl: exact numbers, or why not.</summary>
public sealed class VacuumJournalActionTests
{
    [Fact]
    public async Task Dry_run_reports_usage_and_target_or_why_it_cannot()
    {
        var journal = new JournalControl(new ProcessRunner());
        var action = new VacuumJournalAction(StaticHealingConfig.WithLogs(new LogProbeOptions { JournalMaxMegabytes = 64 }), journal);
        var issue = new Issue(IssueKind.LogSize, LogsProbe.JournalSubject, IssueSeverity.Warning, "journal", new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        var usage = await journal.DiskUsageAsync(CancellationToken.None);

        var result = await action.DryRunAsync(issue, CancellationToken.None);

        Assert.True(action.CanHeal(issue));
        if (usage.Bytes is not null)
        {
            Assert.True(result.Succeeded, result.Detail);
            Assert.Contains("64 MB", result.Detail, StringComparison.Ordinal);
        }
        else
        {
            Assert.False(result.Succeeded);
            Assert.Equal($"cannot vacuum the journal: {usage.Unavailable}", result.Detail);
        }
    }
}
