using Anna.Core.Policy;

namespace Anna.Core.Insights;

/// <summary>
/// The policy change that applies a learned window: the four [healing.schedule] lists as proposed,
/// only those that differ from the policy in force (so a list already right keeps its spelling and
/// comments in the file). <c>learn</c> itself is never touched: whether Anna keeps the window current
/// is the admin's choice.
/// </summary>
public static class LearnedWindowUpdate
{
    /// <summary>Who asks, in history, when Anna applies the window by itself (<c>healing.schedule.learn = true</c>).</summary>
    public const string RequestedByAnna = "anna (healing.schedule.learn)";

    private static readonly PolicySetting[] Lists =
        [PolicySettings.PreferredHours, PolicySettings.AvoidHours, PolicySettings.PreferredDays, PolicySettings.AvoidDays];

    /// <summary>The change from <paramref name="current"/> to <paramref name="proposed"/>; empty when the schedule is already the proposal.</summary>
    public static PolicyUpdate For(ScheduleOptions proposed, HealingOptions current)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(current);
        var wanted = current with { Schedule = proposed with { Learn = current.Schedule.Learn } };
        var update = PolicyUpdate.None;
        foreach (var setting in Lists)
        {
            var after = setting.Get(wanted);
            if (!setting.SameValue(setting.Get(current), after))
                update = update.With(setting, after);
        }
        return update;
    }
}
