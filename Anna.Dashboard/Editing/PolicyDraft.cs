using Anna.Core.Actions;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Dashboard.Editing;

/// <summary>
/// The values on the Settings page while a person edits them. It holds no rules of its own: what
/// is allowed is decided by <see cref="IPolicyEditor"/> when the draft is saved, so the page and the
/// API can never disagree. Numbers are nullable because a person can empty a field.
/// </summary>
public sealed class PolicyDraft
{
    public HealingPolicy Policy { get; set; }

    public long? MaxActionsPerSession { get; set; }

    public HashSet<ActionRisk> RequireApproval { get; } = [];

    public HashSet<ActionCategory> AutoHeal { get; } = [];

    public HashSet<ActionCategory> NeverAutoHeal { get; } = [];

    public long? ScanIntervalSeconds { get; set; }

    public double? SettleSeconds { get; set; }

    public ScheduleDraft Schedule { get; private init; } = new();

    public long? HistorySize { get; set; }

    public bool AutoRollbackOnFailure { get; set; }

    public long? RollbackTimeoutMinutes { get; set; }

    public long? MaxFailures { get; set; }

    public long? FailureWindowMinutes { get; set; }

    public static PolicyDraft From(HealingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var draft = new PolicyDraft
        {
            Policy = options.Policy,
            MaxActionsPerSession = options.MaxActionsPerSession,
            ScanIntervalSeconds = options.ScanIntervalSeconds,
            SettleSeconds = options.SettleSeconds,
            Schedule = ScheduleDraft.From(options.Schedule),
            HistorySize = options.Rollback.HistorySize,
            AutoRollbackOnFailure = options.Rollback.AutoRollbackOnFailure,
            RollbackTimeoutMinutes = options.Rollback.RollbackTimeoutMinutes,
            MaxFailures = options.CircuitBreaker.MaxFailures,
            FailureWindowMinutes = options.CircuitBreaker.FailureWindowMinutes,
        };
        draft.RequireApproval.UnionWith(options.RequireApproval);
        draft.AutoHeal.UnionWith(options.AutoHeal);
        draft.NeverAutoHeal.UnionWith(options.NeverAutoHeal);
        return draft;
    }

    /// <summary>
    /// Only what differs from <paramref name="baseline"/> (the policy the page was loaded with): a
    /// setting left alone is not sent, so it keeps its spelling in the file and an edit made on disk
    /// meanwhile is not undone by a value the person never touched.
    /// </summary>
    public PolicyUpdate ChangesFrom(HealingOptions baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var schedule = baseline.Schedule;
        var wanted = Schedule.ToOptions();
        return new PolicyUpdate
        {
            Policy = Policy != baseline.Policy ? Policy.ToString().ToLowerInvariant() : null,
            MaxActionsPerSession = Changed(MaxActionsPerSession, baseline.MaxActionsPerSession),
            RequireApproval = RequireApproval.SetEquals(baseline.RequireApproval)
                ? null : [.. RequireApproval.Order().Select(r => r.ToName())],
            AutoHeal = AutoHeal.SetEquals(baseline.AutoHeal) ? null : [.. AutoHeal.Order().Select(c => c.ToName())],
            NeverAutoHeal = NeverAutoHeal.SetEquals(baseline.NeverAutoHeal) ? null : [.. NeverAutoHeal.Order().Select(c => c.ToName())],
            ScanIntervalSeconds = Changed(ScanIntervalSeconds, baseline.ScanIntervalSeconds),
            SettleSeconds = SettleSeconds is { } settle && settle != baseline.SettleSeconds ? settle : null,
            PreferredHours = ListChange(schedule.PreferredHours, wanted.PreferredHours),
            AvoidHours = ListChange(schedule.AvoidHours, wanted.AvoidHours),
            PreferredDays = ListChange(schedule.PreferredDays, wanted.PreferredDays),
            AvoidDays = ListChange(schedule.AvoidDays, wanted.AvoidDays),
            HistorySize = Changed(HistorySize, baseline.Rollback.HistorySize),
            AutoRollbackOnFailure = AutoRollbackOnFailure != baseline.Rollback.AutoRollbackOnFailure ? AutoRollbackOnFailure : null,
            RollbackTimeoutMinutes = Changed(RollbackTimeoutMinutes, baseline.Rollback.RollbackTimeoutMinutes),
            MaxFailures = Changed(MaxFailures, baseline.CircuitBreaker.MaxFailures),
            FailureWindowMinutes = Changed(FailureWindowMinutes, baseline.CircuitBreaker.FailureWindowMinutes),
        };
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> agree on every setting a draft holds.</summary>
    public static bool SameSettings(HealingOptions a, HealingOptions b) => From(a).ChangesFrom(b) == new PolicyUpdate();

    /// <summary>True when saving would send anything (an emptied field counts: it is a change not yet resolved).</summary>
    public bool HasChangesFrom(HealingOptions baseline) => ChangesFrom(baseline) != new PolicyUpdate() || EmptyFields().Count > 0;

    /// <summary>
    /// Fields a person emptied. An empty field has no value to write or to check, so it is named
    /// here instead of being sent as "keep" and silently ignored; the range of a value is the
    /// editor's business, not the page's.
    /// </summary>
    public IReadOnlyList<PolicyEditError> EmptyFields()
    {
        var empty = new List<PolicyEditError>();
        void Check(object? value, string key)
        {
            if (value is null)
                empty.Add(new PolicyEditError(key, null, "enter a number"));
        }
        Check(MaxActionsPerSession, PolicyKeys.MaxActionsPerSession);
        Check(ScanIntervalSeconds, PolicyKeys.ScanInterval);
        Check(SettleSeconds, PolicyKeys.SettleSeconds);
        Check(HistorySize, PolicyKeys.HistorySize);
        Check(RollbackTimeoutMinutes, PolicyKeys.RollbackTimeout);
        Check(MaxFailures, PolicyKeys.MaxFailures);
        Check(FailureWindowMinutes, PolicyKeys.FailureWindow);
        return empty;
    }

    private static long? Changed(long? value, int baseline) => value is { } v && v != baseline ? v : null;

    /// <summary>
    /// The new list when its set of values changed, else null. Values kept stay in the order the
    /// file had them ([22, 23, 0, 1] reads as a night), new ones follow in ascending order.
    /// </summary>
    private static IReadOnlyList<long>? ListChange(IReadOnlyList<int> baseline, IReadOnlyList<int> wanted)
    {
        var want = wanted.ToHashSet();
        if (want.SetEquals(baseline))
            return null;
        var kept = baseline.Distinct().Where(want.Contains);
        var added = wanted.Where(v => !baseline.Contains(v)).Order();
        return [.. kept.Concat(added).Select(v => (long)v)];
    }
}
