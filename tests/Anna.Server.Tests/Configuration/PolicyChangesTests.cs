using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Server.Configuration;

namespace Anna.Server.Tests.Configuration;

public sealed class PolicyChangesTests
{
    [Fact]
    public void Only_keys_whose_value_differs_are_listed_in_the_documented_order()
    {
        var before = new HealingOptions();
        var after = before with
        {
            Policy = HealingPolicy.Autonomous,
            AutoHeal = new HashSet<ActionCategory> { ActionCategory.ServiceRestart },
            Rollback = before.Rollback with { HistorySize = 20 },
        };

        Assert.Equal(
        [
            "healing.policy: \"guided\" → \"autonomous\"",
            "healing.auto_heal: [\"service_restart\", \"cache_cleanup\", \"log_rotation\", \"orphan_removal\"] → [\"service_restart\"]",
            "healing.rollback.history_size: 10 → 20",
        ], PolicyChanges.Between(before, after));
    }

    [Fact]
    public void The_same_set_in_another_order_is_no_change()
    {
        var before = new HealingOptions { AutoHeal = new HashSet<ActionCategory> { ActionCategory.LogRotation, ActionCategory.ServiceRestart } };
        var after = before with { AutoHeal = new HashSet<ActionCategory> { ActionCategory.ServiceRestart, ActionCategory.LogRotation } };

        Assert.Empty(PolicyChanges.Between(before, after));
    }
}
