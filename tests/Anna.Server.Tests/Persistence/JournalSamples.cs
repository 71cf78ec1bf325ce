using Anna.Core.Vocabulary;
using System.Collections.ObjectModel;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;

namespace Anna.Server.Tests.Persistence;

/// <summary>Intents, issues and one rollback step of every kind, for journal tests.</summary>
internal static class JournalSamples
{
    public static Issue FailedUnit(string unit) => new(
        IssueKind.FailedService, unit, IssueSeverity.Warning, $"{unit} failed",
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["result"] = "signal" }),
        HistoryEntries.T0, HistoryEntries.T0.AddSeconds(1));

    public static HistoryEntry Intent(string unit, DateTimeOffset startedAt) =>
        HistoryEntries.Restart(startedAt, ActionOutcome.InProgress, subject: unit) with { FinishedAt = null, DurationMs = 0, Detail = $"Restart {unit}" };

    /// <summary>One step of each kind, with every optional field set, so a round trip has something to lose.</summary>
    public static IReadOnlyList<RollbackStep> EveryKind() =>
    [
        new StopServiceStep("web.service"),
        new RestartServiceStep("db.service"),
        new RestoreFileStep(new FileState("/etc/app.conf", true, "ab12", 42, 0, 0, 0b110_100_100, 1_700_000_000_123), "/var/lib/anna/backups/7/app.conf", "cd34"),
        new RevertConfigStep(new FileState("/etc/anna/healing.toml", true, "ef56", 10, 0, 0, 0b110_100_000, 1_700_000_000_000), "/var/lib/anna/backups/7/healing.toml"),
        new ReinstallPackageStep("nginx", "1.22.1-9", "1.22.1-9+deb12u1", "/var/lib/anna/backups/7/nginx_1.22.1-9_amd64.deb"),
        new RestoreQuarantinedStep(
        [
            new QuarantinedFile("/var/cache/apt/archives/a.deb", "/var/lib/anna/quarantine/7/a.deb", 1000, 0, 0, 0b110_100_100, 1_700_000_000_000),
            new QuarantinedFile("/var/cache/apt/archives/b.deb", "/var/lib/anna/quarantine/7/b.deb", 2000, 0, 0, 0b110_100_100, 1_700_000_000_001),
        ]),
    ];
}
