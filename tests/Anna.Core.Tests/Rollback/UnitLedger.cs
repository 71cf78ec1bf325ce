using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

/// <summary>
/// Pure-logic stand-in for systemd: units are names with an active flag. Handles the service
/// steps, records the order undo ran them in, and reports drift a test plants.
/// </summary>
internal sealed class UnitLedger : IStepUndoer
{
    private readonly Dictionary<string, bool> _active = new(StringComparer.Ordinal);

    public List<string> Undone { get; } = [];

    public List<string> Released { get; } = [];

    public Dictionary<string, Drift> Drifts { get; } = new(StringComparer.Ordinal);

    public bool IsActive(string unit) => _active.GetValueOrDefault(unit);

    public void Set(string unit, bool active) => _active[unit] = active;

    public bool Handles(RollbackStep step) => step is StopServiceStep or RestartServiceStep;

    public Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.FromResult(step is StopServiceStep s ? IsActive(s.Unit) : !IsActive(((RestartServiceStep)step).Unit));

    public Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Drift>>(Drifts.TryGetValue(UnitOf(step), out var drift) ? [drift] : []);

    public Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken)
    {
        var unit = UnitOf(step);
        Undone.Add(unit);
        _active[unit] = step is RestartServiceStep;
        return Task.FromResult(new StepOutcome(step.Describe(), true, "done"));
    }

    /// <summary>Units whose kept state cannot be released (as a disk error would make it).</summary>
    public HashSet<string> ReleaseFails { get; } = new(StringComparer.Ordinal);

    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        if (ReleaseFails.Contains(UnitOf(step)))
            throw new IOException($"cannot release {UnitOf(step)}");
        Released.Add(UnitOf(step));
        return Task.CompletedTask;
    }

    private static string UnitOf(RollbackStep step) => step switch
    {
        StopServiceStep s => s.Unit,
        RestartServiceStep r => r.Unit,
        _ => throw new ArgumentException("not a service step", nameof(step)),
    };
}
