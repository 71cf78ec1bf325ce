using Anna.Core.Linux.Systemd;

namespace Anna.Core.Rollback;

/// <summary>
/// Undoes <see cref="StopServiceStep"/> and <see cref="RestartServiceStep"/> on the real systemd:
/// each puts a unit back in the was-active state it had before the action.
/// </summary>
public sealed class ServiceStepUndoer(ISystemdManager systemd) : IStepUndoer
{
    public bool Handles(RollbackStep step) => step is StopServiceStep or RestartServiceStep;

    public async Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var unit = await systemd.GetUnitAsync(UnitName.Parse(UnitOf(step)), cancellationToken).ConfigureAwait(false);
        // The action started the unit (StopServiceStep) or stopped it (RestartServiceStep).
        return step is StopServiceStep ? unit.IsActive : !unit.IsActive;
    }

    /// <summary>A unit's state is what undo restores; there is no content of ours to overwrite.</summary>
    public Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Drift>>([]);

    public async Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken)
    {
        var name = UnitName.Parse(UnitOf(step));
        var unit = await systemd.GetUnitAsync(name, cancellationToken).ConfigureAwait(false);
        switch (step)
        {
            case StopServiceStep when !unit.IsActive:
                return new(step.Describe(), true, $"{name} is already {unit.ActiveState}/{unit.SubState}: left as it is");
            case StopServiceStep:
            {
                var job = await systemd.StopUnitAsync(name, cancellationToken).ConfigureAwait(false);
                return new(step.Describe(), job == "done", $"stop job {job}");
            }
            case RestartServiceStep when unit.IsActive:
                return new(step.Describe(), true, $"{name} is already active: left as it is");
            default:
            {
                if (unit.IsFailed)
                    await systemd.ResetFailedUnitAsync(name, cancellationToken).ConfigureAwait(false);
                var job = await systemd.StartUnitAsync(name, cancellationToken).ConfigureAwait(false);
                return new(step.Describe(), job == "done", $"start job {job}");
            }
        }
    }

    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string UnitOf(RollbackStep step) => step switch
    {
        StopServiceStep s => s.Unit,
        RestartServiceStep r => r.Unit,
        _ => throw new ArgumentException($"not a service step: {step.GetType().Name}", nameof(step)),
    };
}
