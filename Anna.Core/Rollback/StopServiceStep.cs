namespace Anna.Core.Rollback;

/// <summary>
/// The action starts a unit that was not running: undo stops it again. A unit that is not
/// active at undo time is left as it is (stopping it would cancel systemd's own restart).
/// </summary>
public sealed record StopServiceStep(string Unit) : RollbackStep
{
    public override string Describe() => $"stop {Unit} (it was not running before)";
}
