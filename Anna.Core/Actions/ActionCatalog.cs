using Anna.Core.Issues;

namespace Anna.Core.Actions;

/// <summary>Maps an issue to the actions that can fix it, in order of preference.</summary>
public sealed class ActionCatalog(IEnumerable<IHealingAction> actions)
{
    private readonly IReadOnlyList<IHealingAction> _actions = actions.ToList();

    public IReadOnlyList<IHealingAction> All => _actions;

    public IHealingAction? Recommend(Issue issue) => _actions.FirstOrDefault(a => a.CanHeal(issue));
}
