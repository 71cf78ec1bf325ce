using Anna.Core.Vocabulary;
using Anna.Core.Rollback;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;

namespace Anna.Core.Tests.Fakes;

/// <summary>An action that counts its runs and returns a chosen result; optionally waits to be released.</summary>
internal sealed class CountingAction(ActionResult result, TaskCompletionSource? release = null, ActionRisk risk = ActionRisk.Safe) : IHealingAction
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public string Name => "counting";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => risk;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.FailedService;

    public string Describe(Issue issue) => $"Count {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) => Task.FromResult(result);

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        if (release is not null)
            await release.Task;
        return result;
    }
}
