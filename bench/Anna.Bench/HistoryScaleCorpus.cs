using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Sessions;
using Anna.Core.Vocabulary;

namespace Anna.Bench;

/// <summary>
/// A year of a busy host's healing, made up but shaped like the real thing and the same on every run
/// (fixed seed): sessions spread evenly over <see cref="Span"/>, each with about rows/sessions actions
/// of the issue kinds and outcomes a host sees, mostly failed services over 2,000 units.
/// </summary>
internal sealed class HistoryScaleCorpus(int rows, int sessions, DateTimeOffset end)
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(365);

    public const int Units = 2000;

    private static readonly (string Kind, string Action, ActionCategory Category, ActionRisk Risk, double Share)[] Kinds =
    [
        (IssueKind.FailedService, "restart_service", ActionCategory.ServiceRestart, ActionRisk.Low, 0.60),
        (IssueKind.LowDisk, "clean_package_cache", ActionCategory.CacheCleanup, ActionRisk.Safe, 0.10),
        (IssueKind.PackageCache, "clean_package_cache", ActionCategory.CacheCleanup, ActionRisk.Safe, 0.10),
        (IssueKind.LogSize, "vacuum_journal", ActionCategory.LogRotation, ActionRisk.Safe, 0.08),
        (IssueKind.OrphanPackages, "remove_orphan_packages", ActionCategory.OrphanRemoval, ActionRisk.Medium, 0.05),
        (IssueKind.OutdatedPackages, "update_packages", ActionCategory.PackageUpdate, ActionRisk.Medium, 0.04),
        (IssueKind.MemoryPressure, "manual_guidance", ActionCategory.ServiceRestart, ActionRisk.Low, 0.02),
        (IssueKind.KernelUpdate, "update_kernel", ActionCategory.KernelUpdate, ActionRisk.High, 0.01),
    ];

    private static readonly (ActionOutcome Outcome, double Share)[] Outcomes =
    [
        (ActionOutcome.Success, 0.70), (ActionOutcome.Failed, 0.06), (ActionOutcome.RolledBack, 0.04),
        (ActionOutcome.Suggested, 0.12), (ActionOutcome.AwaitingApproval, 0.01), (ActionOutcome.Rejected, 0.02),
        (ActionOutcome.Deferred, 0.03), (ActionOutcome.DryRun, 0.02),
    ];

    private static readonly string[] Mounts = ["/", "/var", "/home", "/srv/data", "/boot"];

    public DateTimeOffset Start { get; } = end - Span;

    public int Rows => rows;

    public int Sessions => sessions;

    /// <summary>Session <paramref name="index"/> (0 oldest); its id is derived from the index, so the rows can name it.</summary>
    public HealingSessionRecord Session(int index)
    {
        var random = new Random(HashCode.Combine(15, index));
        var started = SessionStart(index);
        var executed = random.Next(0, 12);
        var failed = random.Next(0, Math.Max(1, executed / 4));
        return new HealingSessionRecord
        {
            Id = SessionId(index),
            Trigger = (SessionTrigger)random.Next(0, 4),
            StartedAt = started,
            FinishedAt = started.AddMilliseconds(random.Next(200, 20_000)),
            StateBefore = (SystemState)random.Next(0, 3),
            StateAfter = SystemState.Healthy,
            IssuesSeen = random.Next(1, 15),
            Executed = executed,
            Succeeded = executed - failed,
            Failed = failed,
            Suggested = random.Next(0, 3),
        };
    }

    /// <summary>History row <paramref name="index"/> (0 oldest), in the session its place in time falls in.</summary>
    public HistoryEntry Entry(int index)
    {
        var random = new Random(HashCode.Combine(16, index));
        var session = (int)((long)index * sessions / rows);
        var kind = Pick(Kinds, k => k.Share, random.NextDouble());
        var outcome = Pick(Outcomes, o => o.Share, random.NextDouble()).Outcome;
        var subject = kind.Kind switch
        {
            IssueKind.FailedService or IssueKind.MemoryPressure => $"app-{(int)(Units * Math.Pow(random.NextDouble(), 2)):0000}.service",
            IssueKind.LowDisk => Mounts[random.Next(Mounts.Length)],
            IssueKind.LogSize => "/var/log/journal",
            _ => "apt",
        };
        var ran = outcome is ActionOutcome.Success or ActionOutcome.Failed or ActionOutcome.RolledBack;
        var decision = ran ? DecisionKind.Execute
            : outcome is ActionOutcome.AwaitingApproval or ActionOutcome.Rejected ? DecisionKind.NeedsApproval
            : outcome == ActionOutcome.Deferred ? DecisionKind.Defer
            : DecisionKind.Suggest;
        var started = SessionStart(session).AddMilliseconds(random.Next(0, 1000) + index % 97);
        var duration = ran ? random.Next(300, 9000) : 0;
        return new HistoryEntry
        {
            IssueKind = kind.Kind,
            Subject = subject,
            Action = kind.Action,
            Category = kind.Category,
            Risk = kind.Risk,
            Policy = HealingPolicy.Supervised,
            Decision = decision,
            Consent = decision == DecisionKind.NeedsApproval ? ConsentLevel.Explicit : ConsentLevel.Implied,
            Reason = $"supervised policy: {kind.Risk.ToString().ToLowerInvariant()} risk {kind.Category} runs without approval",
            Outcome = outcome,
            StartedAt = started,
            FinishedAt = ran ? started.AddMilliseconds(duration) : null,
            DurationMs = duration,
            Detail = ran ? $"{kind.Action} {subject}: job done; verified after 5 s ({outcome.ToString().ToLowerInvariant()})" : "",
            SessionId = SessionId(session),
            ApprovedBy = decision == DecisionKind.NeedsApproval && outcome != ActionOutcome.AwaitingApproval ? "admin" : null,
        };
    }

    /// <summary>
    /// The issue an entry's action answered, as the journal keeps it. A failed service carries the evidence
    /// the probe writes (<c>FailedServicesProbe.ToIssue</c>), exit status 1 every time, so Insights' root-cause
    /// rules (the same exit status, OOM kills) have thousands of units to weigh, as on a real fleet's month.
    /// </summary>
    public static Issue IssueOf(HistoryEntry entry) => new(entry.IssueKind, entry.Subject, IssueSeverity.Warning,
        $"{entry.Subject}: {entry.IssueKind.Replace('_', ' ')}",
        entry.IssueKind == IssueKind.FailedService ? FailedServiceEvidence : new Dictionary<string, string>(),
        entry.StartedAt.AddSeconds(-3), entry.StartedAt);

    private static readonly Dictionary<string, string> FailedServiceEvidence = new()
    {
        ["active_state"] = "failed", ["sub_state"] = "failed", ["result"] = "exit-code", ["restart"] = "no", ["n_restarts"] = "0",
        ["exit_status"] = "1",
    };

    private DateTimeOffset SessionStart(int index) => Start + Span * ((double)index / sessions);

    private static Guid SessionId(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, 0x15_0000_0000L + index);
        bytes[7] = 0x40; // version 4 shape
        return new Guid(bytes);
    }

    private static T Pick<T>(T[] choices, Func<T, double> share, double at)
    {
        foreach (var choice in choices)
        {
            at -= share(choice);
            if (at < 0)
                return choice;
        }
        return choices[^1];
    }
}
