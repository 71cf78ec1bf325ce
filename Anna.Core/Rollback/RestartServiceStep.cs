namespace Anna.Core.Rollback;

/// <summary>The action stops a unit that was active: undo starts it again.</summary>
public sealed record RestartServiceStep(string Unit) : RollbackStep
{
    public override string Describe() => $"start {Unit} again (it was active before)";
}
