using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

/// <summary>
/// An action that starts the units it is given on a <see cref="UnitLedger"/>, recording each
/// step first, and reports a chosen result. <see cref="SeenDuringRun"/> is what the journal held
/// while it ran.
/// </summary>
internal sealed class StartingAction(UnitLedger ledger, IActionJournal journal, bool succeeds, params string[] units) : IHealingAction
{
    public JournalRecord? SeenDuringRun { get; private set; }

    public string Name => "start_units";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => true;

    public string Describe(Issue issue) => $"Start {string.Join(", ", units)}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Ok("would start"));

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        SeenDuringRun = await journal.GetAsync(scope.JournalId, cancellationToken);
        foreach (var unit in units)
        {
            await scope.RecordAsync(new StopServiceStep(unit), cancellationToken);
            ledger.Set(unit, true);
        }
        return succeeds ? ActionResult.Ok("started") : ActionResult.Fail("did not stay up");
    }
}
