using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Dashboard.Editing;

namespace Anna.Dashboard.Tests;

/// <summary>The Settings page's draft: what it sends, and how the schedule grid maps onto the four lists.</summary>
public sealed class PolicyDraftTests
{
    private static readonly HealingOptions Custom = new()
    {
        Policy = HealingPolicy.Supervised,
        MaxActionsPerSession = 4,
        AutoHeal = new HashSet<ActionCategory> { ActionCategory.ServiceRestart },
        RequireApproval = new HashSet<ActionRisk> { ActionRisk.High },
        SettleSeconds = 2.5,
        Schedule = new ScheduleOptions { PreferredHours = [22, 23, 0, 1], AvoidHours = [12], PreferredDays = [], AvoidDays = [3] },
        Rollback = new RollbackOptions { HistorySize = 3, AutoRollbackOnFailure = false },
    };

    [Fact]
    public void An_untouched_draft_sends_nothing()
    {
        foreach (var options in new[] { new HealingOptions(), Custom })
        {
            var draft = PolicyDraft.From(options);

            Assert.True(draft.ChangesFrom(options).IsEmpty);
            Assert.False(draft.HasChangesFrom(options));
            Assert.Empty(draft.EmptyFields());
        }
    }

    [Fact]
    public void Only_changed_settings_are_sent_in_the_file_s_spelling()
    {
        var draft = PolicyDraft.From(Custom);
        draft.Policy = HealingPolicy.Autonomous;
        draft.NeverAutoHeal.Remove(ActionCategory.KernelUpdate);
        draft.RequireApproval.Add(ActionRisk.Critical);
        draft.AutoRollbackOnFailure = true;
        draft.Numbers[PolicySettings.MaxFailures] = 0; // out of range: sent as is, for the editor to refuse

        var update = draft.ChangesFrom(Custom);

        Assert.Equal("autonomous", update.ValueOf(PolicySettings.Policy.Key));
        Assert.Equal(["filesystem_modify", "bootloader_change", "partition_operations"], (IReadOnlyList<string>)update.ValueOf(PolicySettings.NeverAutoHeal.Key)!);
        Assert.Equal(["high", "critical"], (IReadOnlyList<string>)update.ValueOf(PolicySettings.RequireApproval.Key)!);
        Assert.Equal(true, update.ValueOf(PolicySettings.AutoRollbackOnFailure.Key));
        Assert.Equal(0L, update.ValueOf(PolicySettings.MaxFailures.Key));
        Assert.Equal(
            [PolicySettings.Policy, PolicySettings.RequireApproval, PolicySettings.NeverAutoHeal, PolicySettings.AutoRollbackOnFailure, PolicySettings.MaxFailures],
            update.Values.Keys.OrderBy(s => PolicySettings.All.ToList().IndexOf(s)));
    }

    [Fact]
    public void An_emptied_number_is_named_by_its_key_and_not_sent()
    {
        var draft = PolicyDraft.From(Custom);
        draft.Numbers[PolicySettings.SettleSeconds] = null;

        Assert.Equal([PolicySettings.SettleSeconds.Key], draft.EmptyFields().Select(e => e.Key));
        Assert.Null(draft.ChangesFrom(Custom).ValueOf(PolicySettings.SettleSeconds.Key));
        Assert.True(draft.HasChangesFrom(Custom));
    }

    [Fact]
    public void The_grid_holds_exactly_the_four_lists()
    {
        var schedule = ScheduleDraft.From(Custom.Schedule);

        Assert.Equal(SlotPreference.Preferred, schedule.Hour(23));
        Assert.Equal(SlotPreference.Avoid, schedule.Hour(12));
        Assert.Equal(SlotPreference.Neutral, schedule.Hour(5));
        Assert.Equal(SlotPreference.Avoid, schedule.Day(3));
        Assert.Equal(SlotPreference.Neutral, schedule.Day(0));
        var options = schedule.ToOptions();
        Assert.Equal([0, 1, 22, 23], options.PreferredHours);
        Assert.Equal([12], options.AvoidHours);
        Assert.Empty(options.PreferredDays);
        Assert.Equal([3], options.AvoidDays);
    }

    [Fact]
    public void A_click_cycles_neutral_preferred_avoid_and_moves_the_value_between_lists()
    {
        var draft = PolicyDraft.From(Custom);

        draft.Schedule.CycleHour(5);
        Assert.Equal([22, 23, 0, 1, 5], Hours(draft.ChangesFrom(Custom), PolicySettings.PreferredHours));
        Assert.Null(Hours(draft.ChangesFrom(Custom), PolicySettings.AvoidHours));

        draft.Schedule.CycleHour(5);
        Assert.Null(Hours(draft.ChangesFrom(Custom), PolicySettings.PreferredHours));
        Assert.Equal([12, 5], Hours(draft.ChangesFrom(Custom), PolicySettings.AvoidHours));

        draft.Schedule.CycleHour(5);
        Assert.True(draft.ChangesFrom(Custom).IsEmpty);

        // A removed hour leaves the others in the order the file had them.
        draft.Schedule.CycleHour(23);
        draft.Schedule.CycleDay(6);
        var update = draft.ChangesFrom(Custom);
        Assert.Equal([22, 0, 1], Hours(update, PolicySettings.PreferredHours));
        Assert.Equal([12, 23], Hours(update, PolicySettings.AvoidHours));
        Assert.Equal([6], Hours(update, PolicySettings.PreferredDays));
    }

    [Fact]
    public void The_cells_show_the_engine_s_window_for_the_default_schedule()
    {
        // preferred_hours 22..3 on preferred days Sunday and Saturday; avoid 9-11 and 14-16.
        var open = ScheduleDraft.From(new ScheduleOptions()).OpenSlots();

        Assert.True(open[6, 22]);  // Saturday night opens
        Assert.True(open[0, 3]);   // ... and runs into Sunday morning
        Assert.False(open[6, 2]);  // Saturday 02:00 belongs to Friday's night, and Friday is not preferred
        Assert.True(open[0, 22]);  // Sunday night
        Assert.True(open[1, 1]);   // ... runs into Monday
        Assert.False(open[1, 22]); // Monday night is not a preferred day's
        Assert.False(open[0, 12]); // not a preferred hour
        // Two nights of six hours each: Sat 22:00–Sun 03:59 and Sun 22:00–Mon 03:59.
        Assert.Equal(12, Enumerable.Range(0, 7).SelectMany(d => Enumerable.Range(0, 24).Where(h => open[d, h])).Count());
    }

    [Fact]
    public void With_nothing_preferred_every_hour_not_avoided_is_open()
    {
        var schedule = ScheduleDraft.From(new ScheduleOptions { PreferredHours = [], AvoidHours = [], PreferredDays = [], AvoidDays = [] });
        schedule.SetHour(9, SlotPreference.Avoid);
        schedule.SetDay(1, SlotPreference.Avoid);

        var open = schedule.OpenSlots();

        Assert.False(open[2, 9]);
        Assert.False(open[1, 20]);
        Assert.True(open[2, 8]);
        Assert.Equal(6 * 23, Enumerable.Range(0, 7).SelectMany(d => Enumerable.Range(0, 24).Where(h => open[d, h])).Count());
    }

    private static IReadOnlyList<long>? Hours(PolicyUpdate update, PolicySetting setting) => (IReadOnlyList<long>?)update.ValueOf(setting.Key);
}
