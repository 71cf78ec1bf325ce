namespace Anna.Core.Rollback;

/// <summary>
/// What an executing action gets besides its issue: the journal record it runs under. Before an
/// action changes anything it records the rollback step that reverses the change
/// (<see cref="RecordAsync"/>): the step is durable before the change is made. Post-state (the
/// hash a rewritten file ended with, say) is filled in with <see cref="Update"/> and written
/// with the outcome.
/// </summary>
public sealed class ActionScope
{
    private readonly Lock _gate = new();
    private readonly List<RollbackStep> _steps = [];
    private readonly IActionJournal? _journal;
    private readonly IFaultInjector _faults;

    private ActionScope(long journalId, IActionJournal? journal, IFaultInjector faults, RollbackStorage storage)
    {
        JournalId = journalId;
        _journal = journal;
        _faults = faults;
        Storage = storage;
    }

    /// <summary>The scope the engine gives: every step is written to the journal before its change.</summary>
    public static ActionScope Journaled(long journalId, IActionJournal journal, IFaultInjector faults, RollbackStorage storage) =>
        new(journalId, journal, faults, storage);

    /// <summary>
    /// A scope outside the engine, for driving one action directly (its own tests): steps are kept
    /// in memory only, under a made-up id, and can be undone through <see cref="Snapshot"/>.
    /// </summary>
    public static ActionScope Detached(RollbackStorage storage, long journalId = 0) => new(journalId, null, NoFaults.Instance, storage);

    /// <summary>The history id of the action's row; names its backup and quarantine directories.</summary>
    public long JournalId { get; }

    public RollbackStorage Storage { get; }

    public bool IsJournaled => _journal is not null;

    public RollbackSnapshot Snapshot
    {
        get
        {
            lock (_gate)
                return new RollbackSnapshot(_steps.ToList());
        }
    }

    /// <summary>Records a step durably; call it before making the change the step reverses.</summary>
    public async Task RecordAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        IReadOnlyList<RollbackStep> all;
        lock (_gate)
        {
            _steps.Add(step);
            all = _steps.ToList();
        }
        if (_journal is not null)
            await _journal.RecordStepsAsync(JournalId, all, cancellationToken).ConfigureAwait(false);
        await _faults.ReachedAsync(FaultPoint.StepRecorded, JournalId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a recorded step with the same step carrying its post-state.</summary>
    public void Update(RollbackStep recorded, RollbackStep withPostState)
    {
        lock (_gate)
        {
            var index = _steps.IndexOf(recorded);
            if (index < 0)
                throw new InvalidOperationException("only a recorded step can be updated");
            _steps[index] = withPostState;
        }
    }

    /// <summary>Reports a fault point (e.g. half the files moved) to the fault-injection seam.</summary>
    public ValueTask CheckpointAsync(FaultPoint point, CancellationToken cancellationToken) =>
        _faults.ReachedAsync(point, JournalId, cancellationToken);
}
