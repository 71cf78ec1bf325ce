using Anna.Core.Vocabulary;
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

    public HashSet<ActionRisk> RequireApproval { get; } = [];

    public HashSet<ActionCategory> AutoHeal { get; } = [];

    public HashSet<ActionCategory> NeverAutoHeal { get; } = [];

    public ScheduleDraft Schedule { get; private init; } = new();

    public bool AutoRollbackOnFailure { get; set; }

    /// <summary><c>healing.schedule.learn</c>: Anna keeps the schedule current from how the machine is used.</summary>
    public bool LearnSchedule { get; set; }

    /// <summary>
    /// Every number setting the page edits, by its <see cref="PolicySetting"/>: the fields are made from
    /// the table, so a new number key needs no code here. A double holds whatever a person types, so a
    /// fraction or a huge value reaches the editor and is refused there with the file's own words.
    /// </summary>
    public Dictionary<PolicySetting, double?> Numbers { get; } = [];

    /// <summary>The number settings a draft holds, in the order of the table.</summary>
    public static IReadOnlyList<PolicySetting> NumberSettings { get; } =
        [.. PolicySettings.Editable.Where(s => s.Kind is SettingKind.Whole or SettingKind.Number)];

    public static PolicyDraft From(HealingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var draft = new PolicyDraft
        {
            Policy = options.Policy,
            Schedule = ScheduleDraft.From(options.Schedule),
            AutoRollbackOnFailure = options.Rollback.AutoRollbackOnFailure,
            LearnSchedule = options.Schedule.Learn,
        };
        draft.RequireApproval.UnionWith(options.RequireApproval);
        draft.AutoHeal.UnionWith(options.AutoHeal);
        draft.NeverAutoHeal.UnionWith(options.NeverAutoHeal);
        foreach (var setting in NumberSettings)
            draft.Numbers[setting] = Convert.ToDouble(setting.Get(options), System.Globalization.CultureInfo.InvariantCulture);
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
        // Everything but the numbers fits the options as they are; the numbers are taken as typed.
        var wanted = baseline with
        {
            Policy = Policy,
            RequireApproval = RequireApproval.ToHashSet(),
            AutoHeal = AutoHeal.ToHashSet(),
            NeverAutoHeal = NeverAutoHeal.ToHashSet(),
            Schedule = Schedule.ToOptions() with { Learn = LearnSchedule },
            Rollback = baseline.Rollback with { AutoRollbackOnFailure = AutoRollbackOnFailure },
        };
        var update = PolicyUpdate.None;
        foreach (var setting in PolicySettings.Editable)
        {
            var before = setting.Get(baseline);
            var after = Numbers.TryGetValue(setting, out var typed) ? Number(setting, typed) : setting.Get(wanted);
            if (after is not null && !setting.SameValue(before, after))
                update = update.With(setting, KeepOrder(before, after));
        }
        return update;
    }

    /// <summary>Puts a whole schedule (a learned window) on the grid, to be saved like any edit.</summary>
    public void UseSchedule(ScheduleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var proposed = ScheduleDraft.From(schedule);
        for (var hour = 0; hour < ScheduleDraft.HoursPerDay; hour++)
            Schedule.SetHour(hour, proposed.Hour(hour));
        for (var day = 0; day < ScheduleDraft.DaysPerWeek; day++)
            Schedule.SetDay(day, proposed.Day(day));
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> agree on every setting a draft holds.</summary>
    public static bool SameSettings(HealingOptions a, HealingOptions b) => From(a).ChangesFrom(b).IsEmpty;

    /// <summary>True when saving would send anything (an emptied field counts: it is a change not yet resolved).</summary>
    public bool HasChangesFrom(HealingOptions baseline) => !ChangesFrom(baseline).IsEmpty || EmptyFields().Count > 0;

    /// <summary>
    /// Fields a person emptied. An empty field has no value to write or to check, so it is named
    /// here instead of being sent as "keep" and silently ignored; the range of a value is the
    /// editor's business, not the page's.
    /// </summary>
    public IReadOnlyList<PolicyEditError> EmptyFields() =>
        [.. NumberSettings.Where(s => Numbers.GetValueOrDefault(s) is null).Select(s => new PolicyEditError(s.Key, null, "enter a number"))];

    /// <summary>A whole number as a long; anything else as typed, for the editor to refuse or take.</summary>
    private static object? Number(PolicySetting setting, double? typed) => typed switch
    {
        null => null,
        { } v when setting.Kind == SettingKind.Whole && v == Math.Floor(v) && Math.Abs(v) < 1e15 => (long)v,
        { } v => v,
    };

    /// <summary>
    /// A changed list of hours or days keeps the values it had in the order the file had them
    /// ([22, 23, 0, 1] reads as a night); new ones follow in ascending order.
    /// </summary>
    private static object KeepOrder(object before, object after)
    {
        if (before is not IReadOnlyList<long> baseline || after is not IReadOnlyList<long> wanted)
            return after;
        var want = wanted.ToHashSet();
        var kept = baseline.Distinct().Where(want.Contains);
        var added = wanted.Where(v => !baseline.Contains(v)).Order();
        return (IReadOnlyList<long>)[.. kept.Concat(added)];
    }
}
