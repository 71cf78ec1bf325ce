using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>A concrete fix for a kind of issue. Implementations validate their subject themselves.</summary>
public interface IHealingAction
{
    /// <summary>Stable snake_case name, e.g. restart_service.</summary>
    string Name { get; }

    ActionCategory Category { get; }

    ActionRisk Risk { get; }

    bool CanHeal(Issue issue);

    /// <summary>What the action will do to this issue's subject, in one sentence.</summary>
    string Describe(Issue issue);

    /// <summary>Reports exactly what would change; changes nothing.</summary>
    Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken);

    /// <summary>
    /// Acts, then verifies that the fix holds. Before each change it records, in
    /// <paramref name="scope"/>, the rollback step that reverses it: every action is undoable.
    /// </summary>
    Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken);
}
